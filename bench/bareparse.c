/* Peer (b) of `make bench`, the floor: read each file named on the command
 * line and run libyaml's event parser over all of it, nothing else. Exit 1
 * if a file cannot be read or is not YAML. */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 15, n = 0, got;
	unsigned char *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	int status = 0;
	unsigned long events = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		unsigned char *buf = slurp(argv[i], &len);
		if (!buf) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		yaml_parser_t p;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, buf, len);
		for (;;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "%s:%zu:%zu: %s\n", argv[i],
					p.problem_mark.line + 1,
					p.problem_mark.column + 1,
					p.problem ? p.problem : "parse error");
				status = 1;
				break;
			}
			int end = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
			events++;
			if (end)
				break;
		}
		yaml_parser_delete(&p);
		free(buf);
	}
	if (getenv("BAREPARSE_VERBOSE"))
		fprintf(stderr, "%lu events\n", events);
	return status;
}
