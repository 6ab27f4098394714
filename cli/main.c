/*
 * storyline: the command-line tool. Each subcommand is one entry of the
 * table below (name, usage, help, handler); --help works on all of them.
 *
 * Exit codes: 0 success; 1 failure (database, I/O); 2 usage error;
 * 3 done, but some inputs were rejected (listed on stderr / in "rejected").
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const sl_command commands[] = {
    {"cluster", "storyline cluster [--json] [--db FILE] [--max-bytes N] [--timings] PATH...",
     "Read articles, group them into stories and print the stories.\n"
     "Without --db everything stays in memory. --timings prints the processor\n"
     "time on stderr: the story views' and the rest's.", cmd_cluster},
    {"ingest", "storyline ingest --db FILE [--max-bytes N] [--timings] PATH...",
     "Add articles to a persistent database and update its stories.", cmd_ingest},
    {"stories", "storyline stories --db FILE [--json]",
     "List the stories of a database.", cmd_stories},
    {"story", "storyline story --db FILE [--json] ID",
     "Show one story with all its views.", cmd_story},
    {"extract", "storyline extract [--json] PATH...",
     "Print each article cleaned; with --json one JSON object per line:\n"
     "{\"id\",\"title\",\"published\",\"site\",\"author\",\"url\",\"lang\",\"text\"}.",
     cmd_extract},
    {"summarize", "storyline summarize [--words N] PATH...",
     "Treat the inputs as one story and print its summary.", cmd_summarize},
    {"why", "storyline why --db FILE ID1 ID2",
     "Say whether two articles are in one story and why.", cmd_why},
    {"check", "storyline check --db FILE",
     "Check a database and its search index (run it while no server writes to it).",
     cmd_check},
    {"serve", "storyline serve --db FILE [--addr 127.0.0.1] [--port 8080] [--token T]",
     "Serve the JSON API and the web page over HTTP.", cmd_serve},
    {NULL, NULL, NULL, NULL}};

const sl_command *sl_cli_commands(void) { return commands; }

static void usage(FILE *f)
{
    fprintf(f, "usage: storyline COMMAND [OPTIONS] [ARGS]\n\n"
               "storyline %s: a news story engine.\n\ncommands:\n", SL_VERSION);
    for (const sl_command *c = commands; c->name; c++)
        fprintf(f, "  %s\n", c->usage);
    fprintf(f, "\nRun 'storyline COMMAND --help' for a command's help.\n"
               "Exit codes: 0 ok, 1 failure, 2 usage error, 3 some inputs rejected.\n");
}

int main(int argc, char **argv)
{
    sl_init_process(); /* first: SQLite is used only through storyline */
    if (argc < 2) {
        usage(stderr);
        return SL_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("storyline %s\n", SL_VERSION);
        return 0;
    }
    for (const sl_command *c = commands; c->name; c++) {
        if (strcmp(c->name, argv[1]))
            continue;
        for (int i = 2; i < argc; i++)
            if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
                printf("usage: %s\n\n%s\n", c->usage, c->help);
                return 0;
            }
        return c->run(c, argc - 1, argv + 1);
    }
    fprintf(stderr, "storyline: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return SL_EXIT_USAGE;
}
