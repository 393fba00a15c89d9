#include "indexer/index/index_builder.h"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <ostream>
#include <thread>
#include <utility>

#include <xapian.h>

#include "indexer/index/duplicate_groups.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/shard_merge.h"
#include "indexer/index/spelling_table.h"
#include "indexer/index/synonym_table.h"
#include "indexer/index/work_queue.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Parsed threads waiting for each writer: enough to ride out a slow record, few enough that
// memory does not grow with the input.
constexpr std::size_t kQueuedThreadsPerWriter = 64;

// Thrown through a parser when a writer has failed, to stop reading; the writer's own error is
// what the build reports.
struct WritersStopped {};

// Files under the inputs, sorted so a build is repeatable. Hidden files, editor leftovers and
// a folder's Markdown notes (README.md) are not threads; a file named on its own always is read.
std::vector<fs::path> collect_files(const std::vector<fs::path>& inputs) {
    std::vector<fs::path> files;
    for (const fs::path& input : inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(input, ec); it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (ec) break;
                const std::string name = it->path().filename().string();
                if (name.empty() || name[0] == '.' || name.back() == '~' || it->path().extension() == ".md") continue;
                if (it->is_regular_file(ec)) files.push_back(it->path());
            }
            std::sort(files.begin(), files.end());
        } else if (fs::exists(input, ec)) {
            files.push_back(input);
        } else {
            throw IndexError("input not found: " + input.string());
        }
        if (ec) throw IndexError("cannot read " + input.string() + ": " + ec.message());
    }
    return files;
}

}  // namespace

BuildReport IndexBuilder::build(const BuildOptions& options, std::ostream& log) const {
    const auto started = std::chrono::steady_clock::now();
    BuildReport report;
    const std::vector<fs::path> files = collect_files(options.inputs);
    if (files.empty()) throw IndexError("no input files found");
    const unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

    IndexPublisher publisher(options.db);
    report.generation = publisher.new_generation();
    // Writers first, so a failure on the way out cannot leave one blocked on its queue.
    std::vector<std::unique_ptr<WorkQueue<Thread>>> queues;
    std::vector<std::exception_ptr> failures(jobs);
    std::vector<std::thread> writers;
    auto stop_writers = [&] {
        for (auto& queue : queues) queue->close();
        for (std::thread& writer : writers)
            if (writer.joinable()) writer.join();
    };
    try {
        std::vector<fs::path> parts;
        for (unsigned i = 0; i < jobs; ++i) {
            parts.push_back(report.generation / (".part-" + std::to_string(i)));
            queues.push_back(std::make_unique<WorkQueue<Thread>>(kQueuedThreadsPerWriter));
        }
        for (unsigned i = 0; i < jobs; ++i)
            writers.emplace_back([&, i] {
                try {
                    IndexWriter writer(parts[i], WriterOptions{.sync = false, .fresh = true, .spelling = false});
                    const ThreadPipeline pipeline;
                    while (std::optional<Thread> thread = queues[i]->pop())
                        writer.add(pipeline.prepare(std::move(*thread)));
                    writer.commit();
                } catch (...) {
                    failures[i] = std::current_exception();
                    for (auto& queue : queues) queue->close();  // the reader stops at its next push
                }
            });

        std::map<InputFormat, std::unique_ptr<ThreadParser>> parsers;
        std::map<std::string, std::string> seen_ids;  // thread id -> file it came from
        bool writers_failed = false;
        for (const fs::path& file : files) {
            const InputFormat format = options.format == InputFormat::Auto ? detect_input_format(file) : options.format;
            auto& parser = parsers[format];
            if (!parser) parser = make_thread_parser(format);
            // Each skip is printed as it happens, so its reason reaches the user even when the
            // build ends without an index.
            auto skip = [&](ParseError&& e) {
                log << (options.show_progress ? "\r" : "") << "skipped " << e.what() << "\n";
                report.skipped.push_back(std::move(e));
            };
            auto index_thread = [&](Thread&& thread) {
                if (auto [it, inserted] = seen_ids.emplace(thread.id, file.string()); !inserted) {
                    skip(ParseError(file.string(), 0,
                                    "duplicate thread id '" + thread.id + "' (first in " + it->second + "): skipped"));
                    return;
                }
                const std::size_t writer = shard_of(thread.id, jobs);
                if (!queues[writer]->push(std::move(thread))) throw WritersStopped();
                ++report.threads_indexed;
            };
            try {
                parser->parse_file(file, ParseSinks{index_thread, skip});
            } catch (const WritersStopped&) {
                writers_failed = true;
                break;
            }
            ++report.files_read;
            if (options.show_progress)
                log << "\rindexing: " << report.files_read << "/" << files.size() << " files, "
                    << report.threads_indexed << " threads" << std::flush;
        }
        stop_writers();
        for (const std::exception_ptr& failure : failures)
            if (failure) std::rethrow_exception(failure);
        if (writers_failed) throw IndexError("a writer stopped without saying why");
        if (options.show_progress) log << "\n";
        if (report.threads_indexed == 0) throw IndexError("no thread could be indexed; the live index is unchanged");

        auto lap = [last = started]() mutable {
            const auto now = std::chrono::steady_clock::now();
            return std::chrono::duration<double>(now - std::exchange(last, now)).count();
        };
        report.write_seconds = lap();
        if (options.show_progress) log << "merging " << jobs << " parts\n";
        merge_parts(parts, report.generation);
        for (const fs::path& part : parts) fs::remove_all(part);
        report.merge_seconds = lap();
        if (options.show_progress) log << "grouping duplicates\n";
        Xapian::WritableDatabase db(report.generation.string(), Xapian::DB_OPEN);
        add_vocabulary_spelling(db);
        const Normaliser normaliser;
        store_synonyms(db, options.synonyms.empty()
                               ? default_synonyms(normaliser)
                               : parse_synonyms(read_input_file(options.synonyms, 1 << 20), normaliser));
        report.threads_in_duplicate_groups =
            DuplicateGroups().mark(db, Xapian::Database((report.generation / schema::kQuestionsDatabase).string()));
        db.commit();
        report.group_seconds = lap();
    } catch (...) {
        stop_writers();
        // A failed build must not leave a half-written generation behind (nor touch the live one).
        std::error_code ec;
        fs::remove_all(report.generation, ec);
        throw;
    }
    publisher.publish(report.generation);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace kb
