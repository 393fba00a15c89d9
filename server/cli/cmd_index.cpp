// `kbsearch index`: builds a new index generation from thread files and publishes it.
#include <algorithm>
#include <cerrno>
#include <iostream>

#include <sys/resource.h>
#include <unistd.h>
#include <xapian.h>

#include "indexer/index/index_builder.h"
#include "indexer/index/index_updater.h"
#include "indexer/index/synonym_table.h"
#include "indexer/text/text_helpers.h"
#include "server/cli/commands.h"

namespace kb::cli {

namespace {

// Runs a change to the index at `db`. Xapian's own message (a full disk, a folder not writable)
// names a block, not the place: the user is told which index could not be written, and that what
// was half-written is not what serves (a build publishes nothing, an update's transaction is
// cancelled or completed by the next writer).
template <class Change>
auto changing_index(const std::string& db, Change change) {
    try {
        return change();
    } catch (const Xapian::Error& e) {
        throw IndexError("could not write the index at " + db + ": " + e.get_description() +
                         "; the index as it was before this command still serves");
    }
}

// A build is batch work beside a server that answers people: it takes the CPU the server leaves
// (measured: a 100k rebuild beside a busy server once took 8x its quiet time and pushed search
// p99 up while it ran). Set before any thread starts, so the build's threads inherit it. Raising
// the niceness needs no privilege; failing to is not a reason to stop the build.
void yield_cpu_to_servers(int niceness) {
    if (niceness <= 0) return;
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, 0);
    if (errno != 0) return;
    if (::setpriority(PRIO_PROCESS, 0, std::min(19, now + niceness)) != 0)
        std::cerr << "kbsearch: could not lower the build's priority; it runs at its own\n";
}

// "; 3 warnings" after a build's summary, when the build printed any.
std::string warnings_note(std::size_t warnings) {
    if (warnings == 0) return {};
    return "; " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
}

}  // namespace

void add_index_command(CLI::App& app, Action& run) {
    struct Options {
        std::string db;
        std::vector<std::string> inputs;
        std::string format = "auto";
        bool quiet = false;
        std::string synonyms;
        bool update = false;
        unsigned jobs = 0;
        unsigned shards = 0;
        bool no_learn_answers = false;
        std::size_t learn_answers_min = 300;
        int nice = 10;
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
    cmd->add_flag("--update", options->update,
                  "Add or replace these threads (by id) in the live index instead of rebuilding it; running "
                  "servers see them on their next request");
    cmd->add_option("--jobs", options->jobs, "Writer threads for a build (default: one per core)")
        ->check(whole_number(1, 256));
    cmd->add_option("--shards", options->shards,
                    "Write K shard databases (built in parallel, each thread placed by a hash of its id) and a "
                    "stub listing them; each shard can then be served by xapian-tcpsrv")
        ->check(whole_number(1, 64));
    cmd->add_flag("--no-learn-answers", options->no_learn_answers,
                  "Pick canonical answers with the built-in answer model only, without fitting one to this forum's "
                  "accepted answers");
    cmd->add_option("--learn-answers-min", options->learn_answers_min,
                    "Threads with an accepted answer among two or more needed before the build fits the answer "
                    "model to this forum")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{5}, std::size_t{1000000}));
    cmd->add_option("--nice", options->nice,
                    "How much lower than this shell's the build's CPU priority is, so a server on the same "
                    "machine keeps answering while it runs (0: the same)")
        ->check(CLI::Range(0, 19))
        ->capture_default_str();
    cmd->add_option("PATH", options->inputs, "Thread files or folders")->required();
    cmd->callback([options, &run] {
        run = [options] {
            yield_cpu_to_servers(options->nice);
            BuildOptions build;
            build.db = options->db;
            for (const auto& input : options->inputs) build.inputs.emplace_back(input);
            build.format = *input_format_from_name(options->format);
            build.show_progress = !options->quiet && isatty(STDERR_FILENO);
            build.progress_lines = !options->quiet && !build.show_progress;
            build.synonyms = options->synonyms;
            build.jobs = options->jobs;
            build.shards = options->shards;
            build.learn_answers = !options->no_learn_answers;
            build.learn_answers_min_threads = options->learn_answers_min;
            if (options->update) {
                const UpdateReport report =
                    changing_index(options->db, [&] { return IndexUpdater().update(build, std::cerr); });
                if (report.repaired) std::cerr << "completed an earlier update that had been cut off\n";
                std::cout << "updated " << printable(options->db) << ": " << report.added << " threads added, "
                          << report.replaced << " replaced from " << report.files_read << " files in " << report.seconds
                          << " s; " << report.skipped.size() << " skipped" << warnings_note(report.warnings) << "\n";
                return 0;
            }
            const BuildReport report =
                changing_index(options->db, [&] { return IndexBuilder().build(build, std::cerr); });
            std::cout << "indexed " << report.threads_indexed << " threads from " << report.files_read << " files into "
                      << printable(options->db) << " in " << report.seconds << " s; " << report.skipped.size()
                      << " skipped" << warnings_note(report.warnings) << "\n";
            if (!options->quiet)
                std::cout << "  " << report.write_seconds << " s reading and writing, " << report.merge_seconds
                          << " s merging, " << report.group_seconds << " s grouping duplicates ("
                          << report.threads_in_duplicate_groups << " threads in groups), " << report.check_seconds
                          << " s checking\n";
            if (!options->quiet) std::cout << "  " << report.answer_model << "\n";
            return 0;
        };
    });
}

void add_delete_command(CLI::App& app, Action& run) {
    auto db = std::make_shared<std::string>();
    auto ids = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("delete",
                                       "Remove threads by id from the live index (running servers see it on "
                                       "their next request)");
    cmd->add_option("--db", *db, "Index directory")->required();
    cmd->add_option("ID", *ids, "Thread ids")->required();
    cmd->callback([db, ids, &run] {
        run = [db, ids] {
            const UpdateReport report =
                changing_index(*db, [&] { return IndexUpdater().remove(*db, *ids, &std::cerr); });
            if (report.repaired) std::cerr << "completed an earlier update that had been cut off\n";
            for (const std::string& id : report.not_found)
                std::cerr << "no thread '" << printable(id) << "' in " << printable(*db) << "\n";
            std::cout << "deleted " << report.removed << " threads from " << printable(*db) << " in " << report.seconds
                      << " s\n";
            return report.not_found.empty() ? 0 : 1;
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
            const SynonymsReport report =
                changing_index(*db, [&] { return replace_live_synonyms(*db, *file, &std::cerr); });
            if (report.repaired) std::cerr << "completed an earlier update that had been cut off\n";
            std::cout << "stored " << report.groups << " synonym groups in " << printable(*db) << "\n";
            return 0;
        };
    });
}

}  // namespace kb::cli
