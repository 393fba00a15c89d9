// `kbsearch index`: builds a new index generation from thread files and publishes it.
#include <iostream>

#include <unistd.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/synonym_table.h"
#include "server/cli/commands.h"

namespace kb::cli {

void add_index_command(CLI::App& app, Action& run) {
    struct Options {
        std::string db;
        std::vector<std::string> inputs;
        std::string format = "auto";
        bool quiet = false;
        std::string synonyms;
    };
    auto options = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("index",
                                       "Build the index from thread files or folders (atomic: the old index "
                                       "serves until the new one is complete)");
    cmd->add_option("--db", options->db, "Index directory")->required();
    cmd->add_option("--format", options->format, "Input format: auto, seed, semeval, scn, jsonl")
        ->check(CLI::IsMember({"auto", "seed", "semeval", "scn", "jsonl"}));
    cmd->add_flag("-q,--quiet", options->quiet, "Print only the summary");
    cmd->add_option("--synonyms", options->synonyms, "Synonyms file (default: the built-in indexer/text/synonyms.txt)")
        ->check(CLI::ExistingFile);
    cmd->add_option("PATH", options->inputs, "Thread files or folders")->required();
    cmd->callback([options, &run] {
        run = [options] {
            BuildOptions build;
            build.db = options->db;
            for (const auto& input : options->inputs) build.inputs.emplace_back(input);
            build.format = *input_format_from_name(options->format);
            build.show_progress = !options->quiet && isatty(STDERR_FILENO);
            build.synonyms = options->synonyms;
            const BuildReport report = IndexBuilder().build(build, std::cerr);
            std::cout << "indexed " << report.threads_indexed << " threads from " << report.files_read << " files into "
                      << options->db << " in " << report.seconds << " s; " << report.skipped.size() << " skipped\n";
            if (!options->quiet)
                std::cout << "  " << report.write_seconds << " s reading and writing, " << report.merge_seconds
                          << " s merging, " << report.group_seconds << " s grouping duplicates ("
                          << report.threads_in_duplicate_groups << " threads in groups)\n";
            return 0;
        };
    });
}

void add_synonyms_command(CLI::App& app, Action& run) {
    auto db = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("synonyms",
                                       "Replace the live index's synonym table from a file, without "
                                       "re-indexing (running servers pick it up)");
    cmd->add_option("--db", *db, "Index directory")->required();
    cmd->add_option("FILE", *file, "Synonyms file: one group a line, forms separated by commas")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->callback([db, file, &run] {
        run = [db, file] {
            const std::size_t groups = replace_live_synonyms(*db, *file);
            std::cout << "stored " << groups << " synonym groups in " << *db << "\n";
            return 0;
        };
    });
}

}  // namespace kb::cli
