// `kbsearch serve`: placeholder until the HTTP server lands.
#include "server/cli/commands.h"

namespace kb::cli {
void add_serve_command(CLI::App&, Action&) {}
}  // namespace kb::cli
