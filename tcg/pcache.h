/*
 * The persistent translation cache (tcg/pcache.c): host code of TBs made
 * from guest code mapped read-only and executable from a file is kept in a
 * per-user directory and reused by later processes that map the same file
 * at the same address.  Every cached TB is validated against the guest bytes
 * it was made from before it is used.
 */
#ifndef MIMIC_TCG_PCACHE_H
#define MIMIC_TCG_PCACHE_H

#include <stdbool.h>
#include <stdint.h>

struct TranslationBlock;

/* Set up the cache once at start-up, before the guest program is mapped
   (mappings are followed from then on): enabled is false for
   --no-cache / MIMIC_CACHE=0 and for modes whose translations depend on more
   than the guest bytes (debugger, per-TB logs, the interpreter,
   one instruction per TB).  Silent: a cache directory that cannot be used disables it. */
void pcache_init(bool enabled);
/* Then, once the guest is known (before the first translation): its name
   and -cpu model (may be NULL) complete the key. */
void pcache_configure(const char *target_name, const char *cpu_model);
/* True once pcache_init enabled the cache. */
bool pcache_enabled(void);

/* linux-user: a guest mapping [addr, addr + len) of fd at offset off was
   made with PROT_EXEC (and not PROT_WRITE).  Any earlier region it overlaps
   is dropped first. */
void pcache_note_file_map(uint32_t addr, uint32_t len, int fd, uint64_t off);
/* The page flags of [addr, addr + len) changed to flags (PAGE_*): regions
   stop where the pages become writable, anonymous, unmapped or lose exec
   permission. */
void pcache_note_flags(uint32_t addr, uint32_t len, int flags);

/* tb.c, tb_lock held.  pcache_load fills tb (key already set) from the
   cache, with a hot region when region is true (else a plain TB): copies its code to *code_ptr (advanced, 16-aligned) below
   code_end; tb->insns points at the records in the mapped cache file
   (read only; valid until the next tb_flush).  Returns 1 when it did, 0
   when there is no valid entry, -1 when there is one but not enough room
   (the caller flushes and retries). */
int pcache_load(struct TranslationBlock *tb, bool region, uint8_t **code_ptr, uint8_t *code_end);
/* tb_flush dropped every TB: cache files of dropped regions may go. */
void pcache_tbs_flushed(void);
/* tb was just translated into tcg_ctx's code (relocations in tcg_ctx):
   keep it for saving if it is cacheable. */
void pcache_record(const struct TranslationBlock *tb);
/* Write the recorded TBs to the cache directory (process exit, execve).
   Safe to call more than once. */
void pcache_save(void);

/* Counters for -d stats. */
extern uint64_t pcache_hits, pcache_saved, pcache_region_hits; /* region_hits: among hits */

#endif
