/* cli: shared parts of the storyline command-line tool. */
#ifndef SL_CLI_H
#define SL_CLI_H

#include "storyline.h"

#include <stddef.h>
#include <stdio.h>

enum { SL_EXIT_OK = 0, SL_EXIT_FAIL = 1, SL_EXIT_USAGE = 2, SL_EXIT_REJECTED = 3 };

typedef struct sl_command sl_command;
struct sl_command {
    const char *name, *usage, *help;
    int (*run)(const sl_command *c, int argc, char **argv);
};

/* Parsed common options; unknown options are a usage error. */
typedef struct sl_args {
    int json;
    int timings; /* --timings: processor time by phase on stderr */
    const char *db;
    size_t max_bytes;
    int words;
    const char *addr;
    int port;
    const char *token;
    char **rest; /* positional arguments */
    int nrest;
} sl_args;

/* Parses argv[1..] accepting only the options named in `allowed` (e.g.
 * "json,db,max-bytes"). Prints a message and returns -1 on error. */
int sl_parse_args(const sl_command *c, int argc, char **argv, const char *allowed,
                  sl_args *a);

int cmd_cluster(const sl_command *c, int argc, char **argv);
int cmd_ingest(const sl_command *c, int argc, char **argv);
int cmd_stories(const sl_command *c, int argc, char **argv);
int cmd_story(const sl_command *c, int argc, char **argv);
int cmd_extract(const sl_command *c, int argc, char **argv);
int cmd_summarize(const sl_command *c, int argc, char **argv);
int cmd_why(const sl_command *c, int argc, char **argv);
int cmd_check(const sl_command *c, int argc, char **argv);
int cmd_serve(const sl_command *c, int argc, char **argv);

#endif
