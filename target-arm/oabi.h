/*
 * Old-ABI (OABI) syscalls (target-arm/oabi.c).
 */
#ifndef MIMIC_ARM_OABI_H
#define MIMIC_ARM_OABI_H

#include <stdbool.h>
#include <stdint.h>
#include "cpu-common.h"

/* The syscall numbers arm_syscall_nr gives the OABI calls that differ
   from their EABI namesakes: OABI_MARK + the OABI number. */
#define OABI_MARK 0x900000u

/* The number of the OABI call "svc #imm" (imm != 0, ARM state): the EABI
   number when the call is the same, OABI_MARK + n when oabi.c runs it,
   ~0 (no such call) when imm is no OABI number. */
uint32_t arm_oabi_syscall_nr(uint32_t imm);
/* arch_syscall's part for OABI_MARK + n: true (and *ret) if nr is one. */
bool arm_oabi_syscall(CPUCommon *c, uint32_t nr, const uint32_t args[6], uint32_t *ret);

#endif
