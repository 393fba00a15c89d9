#include "indexer/index/index_builder.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <ostream>
#include <thread>
#include <utility>

#include <xapian.h>

#include "indexer/index/duplicate_groups.h"
#include "indexer/index/index_lock.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/input_reader.h"
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

}  // namespace

BuildReport IndexBuilder::build(const BuildOptions& options, std::ostream& log) const {
    const auto started = std::chrono::steady_clock::now();
    BuildReport report;
    const std::vector<fs::path> files = collect_files(options.inputs);
    if (files.empty()) throw IndexError("no input files found");
    const unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

    // Held to the end: an update written into the live generation meanwhile would be lost
    // when this build's generation replaces it.
    std::error_code ec;
    fs::create_directories(options.db, ec);
    if (ec) throw IndexError("cannot create index directory " + options.db.string() + ": " + ec.message());
    const IndexLock lock(options.db, options.lock_wait);
    IndexPublisher publisher(options.db);
    report.generation = publisher.new_generation();
    // One queue all writers take from: a writer busy flushing its part must not hold the
    // reader up while the others wait for work (routing by id is only for shards kept apart).
    WorkQueue<Thread> queue(kQueuedThreadsPerWriter * jobs);
    std::vector<std::exception_ptr> failures(jobs);
    std::vector<std::thread> writers;
    auto stop_writers = [&] {
        queue.close();
        for (std::thread& writer : writers)
            if (writer.joinable()) writer.join();
    };
    try {
        std::vector<fs::path> parts;
        for (unsigned i = 0; i < jobs; ++i) parts.push_back(report.generation / (".part-" + std::to_string(i)));
        for (unsigned i = 0; i < jobs; ++i)
            writers.emplace_back([&, i] {
                try {
                    IndexWriter writer(parts[i], WriterOptions{.sync = false, .fresh = true, .spelling = false});
                    const ThreadPipeline pipeline;
                    while (std::optional<Thread> thread = queue.pop()) writer.add(pipeline.prepare(std::move(*thread)));
                    writer.commit();
                } catch (...) {
                    failures[i] = std::current_exception();
                    queue.close();  // the reader stops at its next push
                }
            });

        const bool read_all =
            read_threads(options, files, report, log, [&](Thread&& thread) { return queue.push(std::move(thread)); });
        stop_writers();
        for (const std::exception_ptr& failure : failures)
            if (failure) std::rethrow_exception(failure);
        if (!read_all) throw IndexError("a writer stopped without saying why");
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
        fs::remove_all(report.generation, ec);
        throw;
    }
    publisher.publish(report.generation);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace kb
