/*
 * The PowerPC (32-bit) guest's vDSO: the signal return trampolines with the
 * unwind information that lets a debugger or libgcc step from a signal
 * handler back into the interrupted code, as Linux's vdso32 provides them
 * (symbol names and the LINUX_2.6.15 version node from the kernel's
 * arch/powerpc/kernel/vdso/ ABI).  Built by tools/gen-ppc-vdso.sh into
 * target-ppc/vdso-image.c.inc; mimic needs no cross compiler to build.
 *
 * The handler is entered with r1 = the signal frame minus the 64-byte
 * (rt: 80-byte) gap, and LR = one of the trampolines below.  mimic's
 * frames (target-ppc/signal.c) hold a pointer to the saved register image
 * (struct mcontext: mc_gregs[48] then mc_fregs[33]):
 *   sigframe:    at r1 + 64 + 28            (sigcontext.regs)
 *   rt_sigframe: at r1 + 80 + 128 + 48      (ucontext.uc_regs)
 * The CFI below finds every register through that pointer, as the kernel's
 * does: CFA = the interrupted r1 (mc_gregs[1]), rN at mc_gregs[N], fN at
 * mc_fregs[N], LR at mc_gregs[36] (PT_LNK), the CR fields at mc_gregs[38]
 * (PT_CCR), and the return address column 67 (what GCC numbers the
 * argument pointer; libgcc restores the pc from it) at mc_gregs[32]
 * (PT_NIP).  The "S" augmentation marks both as signal frames, so the
 * unwinder uses the saved nip as is instead of subtracting one.
 */
#define NR_SIGRETURN 119
#define NR_RT_SIGRETURN 172

#define REGS_SIG (64 + 28)
#define REGS_RT (64 + 16 + 128 + 48)
#define FREGS (48 * 4)

	.text
/* A nop before each trampoline: an unwinder that looks up return
   address - 1 (no "S" flag seen yet) still lands inside the FDE. */
.Lsig_start:
	nop
	.globl __kernel_sigtramp32
	.type __kernel_sigtramp32, @function
__kernel_sigtramp32:
	li 0, NR_SIGRETURN
	sc
.Lsig_end:
	.size __kernel_sigtramp32, .Lsig_end - __kernel_sigtramp32

.Lsigrt_start:
	nop
	.globl __kernel_sigtramp_rt32
	.type __kernel_sigtramp_rt32, @function
__kernel_sigtramp_rt32:
	li 0, NR_RT_SIGRETURN
	sc
.Lsigrt_end:
	.size __kernel_sigtramp_rt32, .Lsigrt_end - __kernel_sigtramp_rt32

/* DWARF expression building blocks.  "regs" = *(r1 + PTR). */
	.macro regs_ptr ptr
	.byte 0x71		/* DW_OP_breg1 */
	.sleb128 \ptr
	.byte 0x06		/* DW_OP_deref */
	.endm

/* CFA = *(regs + 4): the interrupted r1. */
	.macro cfa_save ptr
	.byte 0x0f		/* DW_CFA_def_cfa_expression */
	.uleb128 9f - 1f
1:	regs_ptr \ptr
	.byte 0x23		/* DW_OP_plus_uconst */
	.uleb128 4
	.byte 0x06		/* DW_OP_deref */
9:
	.endm

/* DWARF register REGNO is saved at regs + OFS. */
	.macro rsave ptr, regno, ofs
	.byte 0x10		/* DW_CFA_expression */
	.uleb128 \regno
	.uleb128 9f - 1f
1:	regs_ptr \ptr
	.if \ofs
	.byte 0x23		/* DW_OP_plus_uconst */
	.uleb128 \ofs
	.endif
9:
	.endm

	.macro frame_regs ptr
	cfa_save \ptr
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	rsave \ptr, \n, \n * 4
	.endr
	rsave \ptr, 67, 32 * 4		/* the return address: nip */
	rsave \ptr, 65, 36 * 4		/* lr */
	.irp n, 68,69,70,71,72,73,74,75
	rsave \ptr, \n, 38 * 4		/* cr0-cr7: the whole CR word */
	.endr
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	rsave \ptr, 32 + \n, FREGS + \n * 8
	.endr
	.endm

	.section .eh_frame, "a", @progbits
.Lcie:
	.long .Lcie_end - .Lcie_start
.Lcie_start:
	.long 0			/* CIE id */
	.byte 1			/* version */
	.string "zRS"		/* augmentation: size, FDE encoding, signal frame */
	.uleb128 4		/* code alignment */
	.sleb128 -4		/* data alignment */
	.byte 67		/* return address column */
	.uleb128 1		/* augmentation data length */
	.byte 0x1b		/* FDE pointers: DW_EH_PE_pcrel | DW_EH_PE_sdata4 */
	.byte 0x0c, 1, 0	/* DW_CFA_def_cfa r1, 0 */
	.balign 4
.Lcie_end:

	.long .Lfde0_end - .Lfde0_start
.Lfde0_start:
	.long .Lfde0_start - .Lcie	/* CIE pointer */
	.long .Lsig_start - .		/* initial location */
	.long .Lsig_end - .Lsig_start	/* range */
	.uleb128 0			/* augmentation data length */
	frame_regs REGS_SIG
	.balign 4
.Lfde0_end:

	.long .Lfde1_end - .Lfde1_start
.Lfde1_start:
	.long .Lfde1_start - .Lcie
	.long .Lsigrt_start - .
	.long .Lsigrt_end - .Lsigrt_start
	.uleb128 0
	frame_regs REGS_RT
	.balign 4
.Lfde1_end:
