// The kbsearch subcommands: each registers its options on the app and sets `run` to its action.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace kb::cli {

using Action = std::function<int()>;

void add_index_command(CLI::App& app, Action& run);
void add_delete_command(CLI::App& app, Action& run);
void add_synonyms_command(CLI::App& app, Action& run);
void add_search_command(CLI::App& app, Action& run);
void add_similar_command(CLI::App& app, Action& run);
void add_serve_command(CLI::App& app, Action& run);
void add_eval_command(CLI::App& app, Action& run);

}  // namespace kb::cli
