# mimic: GNU make.  `make`, `make check`, `make demo`, `make bench`, `make format`.
# Options: SANITIZE=1 (ASan+UBSan), DEBUG=1 (-O0, IR checker on), V=1 (show commands).

BUILD ?= build
CC ?= cc
CFLAGS_BASE := -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-Iinclude -I. -D_GNU_SOURCE -MMD -MP -g
ifeq ($(DEBUG),1)
  OPT := -O0 -DCONFIG_DEBUG_TCG
else
  OPT := -O2
endif
ifeq ($(SANITIZE),1)
  BUILD := build-san
  OPT += -fsanitize=address,undefined -fno-omit-frame-pointer -DCONFIG_DEBUG_TCG
  LDSAN := -fsanitize=address,undefined
endif
# mimic is linked statically: no dynamic loader, no relocation of shared
# libraries, fewer page faults -- about 0.5 ms of every start-up (a static
# hello world runs in ~3 ms in all).  Sanitizer builds cannot be static:
# they link libelf statically and load libcapstone on first use instead
# (tcg/capstone-dl.c), since capstone alone means ~77,000 relocations.
ifeq ($(SANITIZE),1)
  OPT += -DMIMIC_CAPSTONE_DLOPEN
  LDLIBS := -Wl,-Bstatic -lelf -lz -Wl,-Bdynamic -ldl -lpthread -lm
else
  LDFLAGS += -static
  LDLIBS := -lelf -lz -lcapstone -lpthread -lm
endif
CFLAGS += $(CFLAGS_BASE) $(OPT)
LDFLAGS += $(LDSAN)

# Quiet by default: one "CC file" line per step; V=1 prints the commands.
ifeq ($(V),1)
  show =
else
  show = @printf '  %-4s %s\n' '$(1)' '$(2)';
endif

# The guests linked into mimic.  Adding one is a folder target-<name>/ (its
# sources, defining `const TargetOps <name>_target`) and its name here: the
# registry (linux-user/targets.c) is built from this list through
# $(BUILD)/gen/targets.def, and each guest gets a mimic-<name> link.
TARGETS := arm sparc i386 ppc

SRCS := $(wildcard core/*.c tcg/*.c tcg/x86/*.c elfload/*.c linux-user/*.c syscall-tables/*.c) \
	$(foreach t,$(TARGETS),$(wildcard target-$(t)/*.c))
MAIN_SRC := linux-user/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
# Host assembly (linux-user/safe-syscall.S: x86-64 only).
ASM_SRCS := $(wildcard linux-user/*.S)
LIB_OBJS += $(ASM_SRCS:%.S=$(BUILD)/obj/%.o)
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/unit/%)

GEN := $(BUILD)/gen
CFLAGS += -I$(GEN)
TARGET_LINKS := $(TARGETS:%=$(BUILD)/mimic-%)

.PHONY: all check check-unit difftest-campaign-i386 difftest-campaign-arm deps demo soak fuzz bench format clean guest-tests regen-abi regen regen-vdso binfmt-files install uninstall deb chroot-test FORCE
all: $(BUILD)/mimic $(TARGET_LINKS) $(UNIT_BINS)

# One TARGET(name) line per guest; rewritten only when TARGETS changes, so
# that only the registry recompiles then.
$(GEN)/targets.def: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' $(foreach t,$(TARGETS),'TARGET($(t))') >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi
$(BUILD)/obj/linux-user/targets.o: $(GEN)/targets.def

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(call show,CC,$<)$(CC) $(CFLAGS) -c $< -o $@

# The translator proper (IR, optimizer, liveness, register allocator,
# encoder) at -O3 outside debug builds: start-up-heavy programs spend most
# of their time translating, and -O3 takes a tenth off its host
# instructions (callgrind, python3 -c 'print(1)' cold).  Generated code is
# the same.  The ARM front end too: its decoders and builders at -O3 take
# 5% off their share (618 -> 586 host instructions per guest instruction),
# and its helpers are no slower.
ifneq ($(DEBUG),1)
$(BUILD)/obj/tcg/%.o: CFLAGS += -O3
$(BUILD)/obj/target-arm/%.o: CFLAGS += -O3
endif

$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(call show,AS,$<)$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libmimic.a: $(LIB_OBJS)
	@rm -f $@
	$(call show,AR,$@)ar rcs $@ $^

$(BUILD)/mimic: $(MAIN_OBJ) $(BUILD)/libmimic.a
	$(call show,LD,$@)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# mimic-<guest>: the same binary, which then accepts only that guest.
$(TARGET_LINKS): $(BUILD)/mimic
	$(call show,LN,$@)ln -f $< $@

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libmimic.a
	@mkdir -p $(dir $@)
	$(call show,CC,$@)$(CC) $(filter-out -MMD -MP,$(CFLAGS)) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The whole suite: unit tests, guest programs vs native, instruction tests,
# differential test vs qemu-arm.  Last line: "N passed, N failed".
# Installs what is missing (Debian packages; see README) before building.
deps:
	@tools/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) tests/run.sh

check-unit: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) tests/run.sh unit

# The long i386 random-instruction campaign against the real CPU (250
# programs of 4000 integer/x87/MMX/SSE instructions; tests/difftest/campaign-i386.sh).
difftest-campaign-i386: all
	@BUILD=$(BUILD) tests/difftest/campaign-i386.sh 5000 5249 4000

# The ARM one (NEON, ARMv8, VFP fuzzers and A32/T32 programs) against
# qemu-arm: CAMPAIGN="FIRST LAST COUNT" (default 100 199 20000).
difftest-campaign-arm: all
	@BUILD=$(BUILD) tests/difftest/campaign-arm.sh $(CAMPAIGN)

# Regenerate the guest ABI data (syscall-tables/abi-*.c, *-syscalls.c) from
# the cross compilers; `make check` (unit/abi-data) fails when they differ.
regen-abi:
	python3 tools/gen-abi.py

demo:
	@tools/demo.sh

# Refresh the committed decoders (target-*/decode-*.c.inc) from their
# pattern files (target-*/*.decode); make check fails when they are stale.
regen:
	@tools/regen-decoders.sh

# Rebuild the PowerPC guest's committed vDSO image (target-ppc/vdso-image.c.inc)
# from target-ppc/vdso/ with the powerpc-linux-gnu cross toolchain.
regen-vdso:
	@tools/gen-ppc-vdso.sh

# A 10-minute thread + signal + fork soak with exact counts (SOAK_SECONDS=n
# for another length); not part of make check.
soak: all
	@BUILD=$(BUILD) tests/soak/run.sh

# The ELF-loader fuzz campaign (libFuzzer, ASan, UBSan) for FUZZ_SECONDS
# (default 300); make check's `fuzz` group runs it for 10 s.
fuzz: all
	@BUILD=$(BUILD) tests/fuzz/run.sh

bench: all
	@BUILD=$(BUILD) bench/run.sh

# tools/binfmt/mimic-<guest>{,.conf}: packaged binfmt_misc registrations,
# written from what mimic itself would register (tests/binfmt.sh checks them).
binfmt-files: $(BUILD)/mimic
	@tools/binfmt/gen.sh $(BUILD)/mimic $(TARGETS)

# A foreign Debian root built with mmdebstrap through binfmt_misc, then apt,
# gcc and python3 inside it; mimic against qemu-arm-static (network, root,
# Linux 6.7+; minutes).  Not part of `make check`.
chroot-test: $(BUILD)/mimic
	@BUILD=$(BUILD) tools/chroot-test.sh

# Install (PREFIX, DESTDIR as usual): the binary, a mimic-<guest> link per
# guest, the man page, bash completion, and binfmt_misc files for systemd
# (lib/binfmt.d) and binfmt-support (share/binfmts) naming the installed
# binary, flag F (tests/install.sh checks the result).
PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
MANDIR := $(PREFIX)/share/man
install: $(BUILD)/mimic
	install -D -m 755 $(BUILD)/mimic $(DESTDIR)$(BINDIR)/mimic
	install -D -m 644 doc/mimic.1 $(DESTDIR)$(MANDIR)/man1/mimic.1
	install -D -m 644 tools/completion/mimic.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mimic
	install -d $(DESTDIR)$(PREFIX)/lib/binfmt.d $(DESTDIR)$(PREFIX)/share/binfmts
	for t in $(TARGETS); do \
	    ln -sf mimic $(DESTDIR)$(BINDIR)/mimic-$$t; \
	    ln -sf mimic.1 $(DESTDIR)$(MANDIR)/man1/mimic-$$t.1; \
	    ln -sf mimic $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mimic-$$t; \
	done
	INTERP=$(BINDIR)/mimic CONF_DIR=$(DESTDIR)$(PREFIX)/lib/binfmt.d \
	    FORMAT_DIR=$(DESTDIR)$(PREFIX)/share/binfmts tools/binfmt/gen.sh $(BUILD)/mimic $(TARGETS)

# Debian packages mimic and mimic-binfmt (debian/), built from a copy of the
# tree in $(BUILD)/deb, where the .deb files end up.
deb:
	rm -rf $(BUILD)/deb && mkdir -p $(BUILD)/deb/mimic
	tar -c --exclude=./build --exclude=./build-san --exclude=./.git . | tar -x -C $(BUILD)/deb/mimic
	cd $(BUILD)/deb/mimic && env -u BUILD -u MAKEFLAGS -u MAKELEVEL -u MFLAGS dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
	    { tail -20 ../build.log; exit 1; }
	@ls $(BUILD)/deb/*.deb

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mimic $(DESTDIR)$(MANDIR)/man1/mimic.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mimic
	for t in $(TARGETS); do \
	    rm -f $(DESTDIR)$(BINDIR)/mimic-$$t $(DESTDIR)$(MANDIR)/man1/mimic-$$t.1 \
	        $(DESTDIR)$(PREFIX)/share/bash-completion/completions/mimic-$$t \
	        $(DESTDIR)$(PREFIX)/lib/binfmt.d/mimic-$$t.conf $(DESTDIR)$(PREFIX)/share/binfmts/mimic-$$t; \
	done

format:
	clang-format -i $(SRCS) $(wildcard */*.h include/*.h tests/unit/*.c)

clean:
	rm -rf build build-san

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)
