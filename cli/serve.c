/* serve: the HTTP server command (see src/server.c). */
#include "cli.h"
#include "../src/server.h"

int cmd_serve(const sl_command *c, int argc, char **argv)
{
    sl_args a;
    if (sl_parse_args(c, argc, argv, "db,addr,port,token,max-bytes", &a) != 0)
        return SL_EXIT_USAGE;
    int rc = SL_EXIT_USAGE;
    if (!a.db) {
        fprintf(stderr, "storyline %s: --db FILE is required\nusage: %s\n", c->name, c->usage);
    } else if (a.nrest) {
        fprintf(stderr, "storyline %s: unexpected argument '%s'\nusage: %s\n", c->name,
                a.rest[0], c->usage);
    } else if (a.port < 1 || a.port > 65535) {
        fprintf(stderr, "storyline %s: --port must be 1..65535\n", c->name);
    } else {
        sl_server_opts o = {0};
        o.db = a.db;
        o.addr = a.addr;
        o.port = a.port;
        o.token = a.token;
        o.max_body = a.max_bytes;
        o.quiet = 1;
        rc = sl_server_run(&o) == 0 ? SL_EXIT_OK : SL_EXIT_FAIL;
    }
    sl_free(a.rest);
    return rc;
}
