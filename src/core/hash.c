/* See hash.h. */
#include "core/hash.h"

#include <errno.h>
#include <fcntl.h>
#include <sha2.h>
#include <unistd.h>
#include <zlib.h>

#include "core/sysio.h"

static void hex(const uint8_t d[SHA256_DIGEST_LENGTH], char out[65])
{
	static const char hx[] = "0123456789abcdef";

	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
		out[2 * i] = hx[d[i] >> 4];
		out[2 * i + 1] = hx[d[i] & 15];
	}
	out[64] = 0;
}

void nb_hash_buf(const void *buf, size_t len, char out[65])
{
	SHA2_CTX c;
	uint8_t d[SHA256_DIGEST_LENGTH];

	SHA256Init(&c);
	SHA256Update(&c, buf, len);
	SHA256Final(d, &c);
	hex(d, out);
}

int nb_hash_file(const char *path, char out[65])
{
	char b[65536];
	SHA2_CTX c;
	uint8_t d[SHA256_DIGEST_LENGTH];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -1;
	SHA256Init(&c);
	for (;;) {
		ssize_t n = read(fd, b, sizeof b);
		if (n < 0) {
			int e = errno;
			if (e == EINTR)
				continue;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		SHA256Update(&c, (const uint8_t *)b, (size_t)n);
	}
	close(fd);
	SHA256Final(d, &c);
	hex(d, out);
	return 0;
}

uint32_t nb_crc32(const void *buf, size_t n)
{
	uLong c = crc32(0L, Z_NULL, 0);
	const Bytef *p = buf;

	/* zlib takes a uInt length: feed large buffers in pieces. */
	while (n) {
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;
		c = crc32(c, p, k);
		p += k;
		n -= k;
	}
	return (uint32_t)c;
}
