/* serve: the HTTP server command (see src/server.c). */
#include "cli.h"

int cmd_serve(const sl_command *c, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "storyline %s: the server is not built yet\n", c->name);
    return SL_EXIT_FAIL;
}
