# coreutils on files: ls of a fixed directory, stat fields, cp/mv/rm/ln,
# mkdir -p, du of known sizes, readlink, realpath.
mkdir -p dir/sub
for f in b a c; do printf "%s\n" $f >dir/$f.txt; done
head -c 5000 /dev/zero >dir/sub/zeros
g ls dir
g ls -1R dir
g ls -s --block-size=1 dir/sub/zeros | cut -d' ' -f2
g stat -c '%n %s %F' dir/a.txt dir/sub
g cp dir/a.txt dir/copy.txt && g mv dir/copy.txt dir/moved.txt && g ls dir
g ln -s a.txt dir/link && g readlink dir/link
g realpath --relative-to=dir dir/sub/zeros
g mkdir -p x/y/z && g rmdir -p x/y/z && echo rmdir-ok
g rm -r dir/sub && g ls -A dir
g test -f dir/a.txt && echo is-file
g basename /a/b/c.txt .txt; g dirname /a/b/c.txt
