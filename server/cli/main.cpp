// kbsearch: the one command-line entry point; parses argv and hands over to a subcommand.
#include <iostream>

#include <xapian.h>

#include "indexer/text/errors.h"
#include "indexer/text/text_helpers.h"
#include "server/cli/commands.h"

int main(int argc, char** argv) {
    CLI::App app{"kbsearch: search support Q&A threads and their canonical answers"};
    app.require_subcommand(1);
    // The Xapian version is the one linked at run time: it decides the index format and ranking.
    app.set_version_flag("--version",
                         std::string("kbsearch ") + KBSEARCH_VERSION + " (Xapian " + Xapian::version_string() + ")");
    kb::cli::Action run;
    kb::cli::add_index_command(app, run);
    kb::cli::add_delete_command(app, run);
    kb::cli::add_synonyms_command(app, run);
    kb::cli::add_search_command(app, run);
    kb::cli::add_similar_command(app, run);
    kb::cli::add_answers_command(app, run);
    kb::cli::add_serve_command(app, run);
    kb::cli::add_eval_command(app, run);
    kb::cli::add_train_answers_command(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 reads an unknown command as a stray argument and says a subcommand is required.
        if (argc > 1 && argv[1][0] != '-') {
            try {
                app.get_subcommand(argv[1]);
            } catch (const CLI::OptionNotFound&) {
                std::cerr << "kbsearch: unknown command '" << kb::printable(argv[1])
                          << "'; `kbsearch --help` lists them\n";
                return 2;
            }
        }
        return app.exit(e);
    }
    try {
        return run();
    } catch (const kb::QueryError& e) {
        std::cerr << "kbsearch: bad query: " << kb::printable(e.what()) << "\n";
        return 2;
    } catch (const kb::Error& e) {
        std::cerr << "kbsearch: " << kb::printable(e.what()) << "\n";
        return 1;
    } catch (const Xapian::Error& e) {
        std::cerr << "kbsearch: index error: " << kb::printable(e.get_description()) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "kbsearch: " << kb::printable(e.what()) << "\n";
        return 1;
    }
}
