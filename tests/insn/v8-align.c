/*
 * Alignment as Linux reports it: a misaligned exclusive (ldrex*, strex*,
 * also a strex that would fail) or load-acquire/store-release raises SIGBUS
 * with BUS_ADRALN (code 1) and si_addr the accessed address, which the
 * kernel's alignment fixup does not handle; ldr, ldrd and ldm at a
 * misaligned address work (the fixup, or the hardware, does them).
 */
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
static sigjmp_buf jb; static volatile void *fa; static volatile int code;
static void h(int sig, siginfo_t *si, void *u){ (void)u; fa = si->si_addr; code = si->si_code; siglongjmp(jb, sig); }
static uint32_t buf[8] __attribute__((aligned(16)));
#define T(name, body) do { if (!(r = sigsetjmp(jb, 1))) { body; printf("%-10s ok\n", name); } else printf("%-10s sig %d code %d addr +%d\n", name, r, code, (int)((char*)fa - (char*)buf)); } while (0)
int main(void){
  struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_sigaction = h; sa.sa_flags = SA_SIGINFO; sigaction(SIGBUS, &sa, 0);
  int r; uint32_t v, st; char *p = (char *)buf;
  T("ldrex+0", __asm__ volatile("ldrex %0, [%1]\n\tclrex" : "=r"(v) : "r"(p) : "memory"));
  T("ldrex+1", __asm__ volatile("ldrex %0, [%1]" : "=r"(v) : "r"(p + 1) : "memory"));
  T("ldrexh+1", __asm__ volatile("ldrexh %0, [%1]" : "=r"(v) : "r"(p + 1) : "memory"));
  T("ldrexh+2", __asm__ volatile("ldrexh %0, [%1]\n\tclrex" : "=r"(v) : "r"(p + 2) : "memory"));
  T("ldrexd+4", __asm__ volatile("ldrexd r2, r3, [%0]" :: "r"(p + 4) : "r2", "r3", "memory"));
  T("strex+2", __asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %0, [%3]" : "=&r"(v), "=&r"(st) : "r"(p), "r"(p + 2) : "memory"));
  T("strexd+4", __asm__ volatile("mov r2, #0\n\tmov r3, #0\n\tstrexd %0, r2, r3, [%1]" : "=&r"(st) : "r"(p + 4) : "r2", "r3", "memory"));
  T("lda+2", __asm__ volatile("lda %0, [%1]" : "=r"(v) : "r"(p + 2) : "memory"));
  T("stlh+1", __asm__ volatile("stlh %0, [%1]" :: "r"(v), "r"(p + 1) : "memory"));
  T("ldr+1", __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(p + 1) : "memory"));
  T("ldrd+4", __asm__ volatile("ldrd r2, r3, [%0]" :: "r"(p + 4) : "r2", "r3", "memory"));
  T("ldm+2", __asm__ volatile("ldm %0, {r2, r3}" :: "r"(p + 2) : "r2", "r3", "memory"));
  return 0; }
