/*
 * safe_syscall_base: a host syscall that a guest signal cannot slip past
 * (x86-64 host).  See linux-user/safe-syscall.h for the whole scheme.
 *
 *   long safe_syscall_base(volatile int *pending, long nr,
 *                          long a1, long a2, long a3, long a4, long a5, long a6);
 *
 * Returns what the kernel returned (-errno on failure), or -EINTR without
 * entering the kernel when *pending is set.  Between the labels
 * safe_syscall_start and safe_syscall_end (the flag test up to and
 * including the syscall instruction) the host signal handler, if it has
 * just made a guest signal pending, moves the interrupted RIP to
 * safe_syscall_eintr, so the syscall never starts sleeping.  Once the
 * syscall instruction has run, RIP is safe_syscall_end and the kernel
 * itself returns -EINTR (mimic's host handlers have no SA_RESTART).
 */
        .text
        .globl  safe_syscall_base
        .globl  safe_syscall_start
        .globl  safe_syscall_end
        .globl  safe_syscall_eintr
        .type   safe_syscall_base, @function
        .p2align 4
safe_syscall_base:
        .cfi_startproc
        /* SysV call: rdi=pending rsi=nr rdx=a1 rcx=a2 r8=a3 r9=a4,
           a5 at 8(%rsp), a6 at 16(%rsp).  Kernel: rax=nr rdi rsi rdx
           r10 r8 r9.  r11 holds the flag pointer (the syscall instruction
           clobbers r11, but we no longer need it then). */
        movq    %rdi, %r11
        movq    %rsi, %rax
        movq    %rdx, %rdi
        movq    %rcx, %rsi
        movq    %r8, %rdx
        movq    %r9, %r10
        movq    8(%rsp), %r8
        movq    16(%rsp), %r9
safe_syscall_start:
        cmpl    $0, (%r11)
        jnz     safe_syscall_eintr
        syscall
safe_syscall_end:
        ret
safe_syscall_eintr:
        movq    $-4, %rax               /* -EINTR */
        ret
        .cfi_endproc
        .size   safe_syscall_base, .-safe_syscall_base

        .section .note.GNU-stack,"",@progbits
