/* Digests: SHA-256 names the exact bytes a journal was based on and that a
 * roll-up was summed from; CRC-32 guards each journal record against a torn
 * or damaged write. Both come from Debian's libraries (OpenSSL's libcrypto, zlib). */
#ifndef NB_HASH_H
#define NB_HASH_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 of a buffer / a file as 64 lower-case hex digits + NUL.
 * nb_hash_file returns 0 or -1 (errno). */
void nb_hash_buf(const void *buf, size_t len, char out[65]);
int nb_hash_file(const char *path, char out[65]);

/* CRC-32 (IEEE 802.3, as zip and PNG use it) of n bytes. */
uint32_t nb_crc32(const void *buf, size_t n);

#endif
