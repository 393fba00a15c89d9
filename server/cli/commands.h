// The kbsearch subcommands: each registers its options on the app and sets `run` to its action.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace kb::cli {

using Action = std::function<int()>;

// An option's check for a whole number in [min, max], whose message says which of the two is
// wrong ("abc is not a whole number", "500 is out of range"); CLI11 prefixes the option's name.
CLI::Validator whole_number(int min, int max);

void add_index_command(CLI::App& app, Action& run);
void add_delete_command(CLI::App& app, Action& run);
void add_synonyms_command(CLI::App& app, Action& run);
void add_search_command(CLI::App& app, Action& run);
void add_similar_command(CLI::App& app, Action& run);
void add_answers_command(CLI::App& app, Action& run);
void add_serve_command(CLI::App& app, Action& run);
void add_eval_command(CLI::App& app, Action& run);
void add_train_answers_command(CLI::App& app, Action& run);

}  // namespace kb::cli
