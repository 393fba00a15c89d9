#include "indexer/index/index_builder.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <thread>
#include <utility>

#include <xapian.h>

#include "indexer/index/build_space.h"
#include "indexer/index/duplicate_groups.h"
#include "indexer/index/index_lock.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/input_reader.h"
#include "indexer/index/shard_layout.h"
#include "indexer/index/shard_merge.h"
#include "indexer/index/spelling_table.h"
#include "indexer/index/synonym_table.h"
#include "indexer/index/work_queue.h"
#include "indexer/ingest/forum_answer_fit.h"
#include "indexer/ingest/thread_parser.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/generation_check.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Parsed threads waiting for each writer: enough to ride out a slow record, few enough that
// memory does not grow with the input.
constexpr std::size_t kQueuedThreadsPerWriter = 64;

// Consecutive threads that go to the same part of a single index. Dealing by input position is
// what makes doc ids reproducible; the runs only keep the parts even. What lets one writer go on
// while another flushes is the queue in front of each (kQueuedThreadsPerWriter).
constexpr std::size_t kDealtTogether = 16;

// Documents a part of a single index takes between commits (measured on 5,000 generated
// threads, one writer: 10,000 -> 11.9 s, 1,000 -> 10.0 s, 300 -> 7.5 s, 60 -> 8.0 s).
constexpr unsigned kPartFlushEvery = 300;

// A first read of every input file, counting the name-shaped phrases of each thread on every
// core. Bad records are skipped silently here: the build's own read reports them.
// `threads` is set to how many threads the input holds.
// The same read offers each thread to `answers`, the forum's accepted answers to learn from.
std::shared_ptr<const ForumPhrases> learn_forum_phrases(const std::vector<fs::path>& files, const BuildOptions& options,
                                                        unsigned jobs, BuildProgress& progress, std::size_t& threads,
                                                        ForumAnswerFit& answers) {
    progress.phase("reading the forum's vocabulary", 0, "threads");
    threads = 0;
    WorkQueue<Thread> queue(kQueuedThreadsPerWriter * jobs);
    std::vector<ForumPhrases> counted(jobs);
    std::vector<ForumAnswerFit> sampled(jobs);
    std::vector<std::thread> counters;
    for (unsigned i = 0; i < jobs; ++i)
        counters.emplace_back([&, i] {
            const ThreadPipeline pipeline;
            while (std::optional<Thread> thread = queue.pop()) {
                pipeline.count_phrases(*thread, counted[i]);
                if (options.learn_answers) sampled[i].offer(*thread);
            }
        });
    const auto stop_counters = [&] {
        queue.close();
        for (std::thread& counter : counters) counter.join();
    };
    try {
        std::map<InputFormat, std::unique_ptr<ThreadParser>> parsers;
        for (const fs::path& file : files) {
            const InputFormat format = options.format == InputFormat::Auto ? detect_input_format(file) : options.format;
            auto& parser = parsers[format];
            if (!parser) parser = make_thread_parser(format);
            parser->parse_file(file, ParseSinks{[&](Thread&& t) {
                                                    queue.push(std::move(t));
                                                    progress.advance(++threads);
                                                },
                                                [](ParseError&&) {}});
        }
    } catch (...) {
        stop_counters();
        throw;
    }
    stop_counters();
    auto phrases = std::make_shared<ForumPhrases>();
    for (ForumPhrases& part : counted) phrases->merge(std::move(part));
    phrases->finish();
    for (ForumAnswerFit& part : sampled) answers.merge(std::move(part));
    return phrases;
}

// The forum's own model beside the generation's databases, for its live updates to use.
void write_answer_model(const fs::path& generation, const AnswerModel& model) {
    const fs::path path = generation / schema::kAnswerModelFile;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << model.to_json();
    out.flush();
    if (!out) throw IndexError("cannot write " + path.string());
}

}  // namespace

BuildReport IndexBuilder::build(const BuildOptions& options, std::ostream& log) const {
    const auto started = std::chrono::steady_clock::now();
    BuildReport report;
    const std::vector<fs::path> files = collect_files(options.inputs);
    if (files.empty()) throw IndexError("no input files found");
    const bool sharded = options.shards > 0;
    // A sharded build writes each shard on its own thread; a single index is written in one
    // part per core, merged at the end.
    const unsigned jobs = sharded            ? options.shards
                          : options.jobs > 0 ? options.jobs
                                             : std::max(1u, std::thread::hardware_concurrency());

    // Held to the end: an update written into the live generation meanwhile would be lost
    // when this build's generation replaces it.
    std::error_code ec;
    fs::create_directories(options.db, ec);
    if (ec) throw IndexError("cannot create index directory " + options.db.string() + ": " + ec.message());
    const IndexLock lock(options.db, options.lock_wait, &log);
    IndexPublisher publisher(options.db);
    // What killed builds left is this build's room; then the room is measured before a byte is
    // written, so a disk too small says so now rather than when it is full.
    publisher.reclaim();
    BuildSpace::estimate(options.db, files, publisher.live_generation()).require(options.db);
    report.generation = publisher.new_generation();
    // The forum's frequent name-shaped phrases, from a first read of the input: "Al Khor" on a
    // Doha forum is a place, which only the whole forum can tell.
    BuildProgress progress(log, progress_mode(options));
    std::size_t input_threads = 0;
    ForumAnswerFit answer_sample;
    const std::shared_ptr<const ForumPhrases> phrases =
        learn_forum_phrases(files, options, jobs, progress, input_threads, answer_sample);
    // The forum's accepted answers teach the answer model this forum's ways, where there are
    // enough of them and the result beats the built-in model on them (cross-validated).
    std::shared_ptr<const AnswerModel> answer_model;
    if (options.learn_answers) {
        progress.phase("fitting the answer model to " + std::to_string(answer_sample.size()) + " accepted answers");
        const ForumAnswerFit::Outcome fit =
            answer_sample.fit(AnswerModel::built_in(), options.learn_answers_min_threads, jobs);
        answer_model = fit.model;
        report.answer_model = fit.summary();
    } else {
        report.answer_model = "answer model: the default (--no-learn-answers)";
    }
    // Each writer has its own queue and every thread a fixed place: a shard by the hash of its
    // id, a part of a single index by its place in the input, dealt in runs. So the same input
    // always builds the same documents under the same ids, however the writers were scheduled.
    std::vector<std::unique_ptr<WorkQueue<Thread>>> queues;
    for (unsigned i = 0; i < jobs; ++i) queues.push_back(std::make_unique<WorkQueue<Thread>>(kQueuedThreadsPerWriter));
    std::vector<std::exception_ptr> failures(jobs);
    std::vector<std::size_t> rejected_by(jobs, 0);  // threads each writer skipped
    SkipLog skips(log, options.show_progress);
    std::vector<std::thread> writers;
    auto stop_writers = [&] {
        for (auto& queue : queues) queue->close();
        for (std::thread& writer : writers)
            if (writer.joinable()) writer.join();
    };
    try {
        std::vector<fs::path> parts;
        for (unsigned i = 0; i < jobs; ++i)
            parts.push_back(sharded ? shard_path(report.generation, i)
                                    : report.generation / (".part-" + std::to_string(i)));
        for (unsigned i = 0; i < jobs; ++i)
            writers.emplace_back([&, i] {
                try {
                    // A shard is the final database, so it is synced; a part is merged first,
                    // and flushed often: Xapian holds each term's new postings in a tree that
                    // it walks for every posting it adds, so a few hundred documents at a time
                    // keep that walk in cache; the merge joins the short posting chunks this
                    // leaves.
                    IndexWriter writer(parts[i], WriterOptions{.sync = sharded,
                                                               .fresh = true,
                                                               .spelling = false,
                                                               .flush_every = sharded ? 0 : kPartFlushEvery});
                    WorkQueue<Thread>& queue = *queues[i];
                    const ThreadPipeline pipeline(phrases, answer_model);
                    while (std::optional<Thread> thread = queue.pop()) {
                        std::optional<ParseError> rejected =
                            write_or_reject(*thread, [&] { writer.add(pipeline.prepare(std::move(*thread))); });
                        if (rejected) {
                            skips.skip(std::move(*rejected));
                            ++rejected_by[i];
                        }
                    }
                    writer.commit();
                } catch (...) {
                    failures[i] = std::current_exception();
                    for (auto& queue : queues) queue->close();  // the reader stops at its next push
                }
            });

        std::size_t dealt = 0;
        // Parsing, cleaning and writing run together: the reader feeds the writers' queues.
        progress.phase("reading, cleaning, writing", input_threads, "threads");
        const bool read_all = read_threads(options, files, report, skips, [&](Thread&& thread) {
            const std::size_t queue = sharded ? shard_of(thread.id, jobs) : dealt / kDealtTogether % jobs;
            progress.advance(++dealt);
            return queues[queue]->push(std::move(thread));
        });
        // Repeated ids were counted by the first read and skipped by this one: all were read.
        if (read_all) progress.advance(input_threads);
        stop_writers();
        report.skipped = skips.take();
        report.warnings = skips.warnings();
        for (const std::size_t rejected : rejected_by) report.threads_indexed -= rejected;
        for (const std::exception_ptr& failure : failures)
            if (failure) std::rethrow_exception(failure);
        if (!read_all) throw IndexError("a writer stopped without saying why");
        if (report.threads_indexed == 0) throw IndexError("no thread could be indexed; the live index is unchanged");

        auto lap = [last = started]() mutable {
            const auto now = std::chrono::steady_clock::now();
            return std::chrono::duration<double>(now - std::exchange(last, now)).count();
        };
        report.write_seconds = lap();
        if (sharded) {
            write_shard_stubs(report.generation, jobs);
        } else {
            progress.phase("merging " + std::to_string(jobs) + " parts");
            merge_parts(parts, report.generation);
            for (const fs::path& part : parts) fs::remove_all(part);
        }
        report.merge_seconds = lap();

        progress.phase("grouping duplicates");
        // Spelling and synonyms go where the searcher reads them: the single database, or the
        // spelling database a sharded generation lists first.
        {
            Xapian::WritableDatabase words(
                (sharded ? report.generation / schema::kSpellingDatabase : report.generation).string(),
                sharded ? Xapian::DB_CREATE : Xapian::DB_OPEN);
            if (sharded)
                for (const fs::path& shard : parts) add_vocabulary_spelling(words, Xapian::Database(shard.string()));
            else
                add_vocabulary_spelling(words, words);
            const Normaliser normaliser;
            words.set_metadata(std::string(schema::kFormatVersionKey), std::to_string(schema::kFormatVersion));
            store_synonyms(words, options.synonyms.empty()
                                      ? default_synonyms(normaliser)
                                      : parse_synonyms(read_input_file(options.synonyms, 1 << 20), normaliser));
            words.commit();
        }

        const DuplicateGroups grouping;
        const auto groups =
            grouping.find(report.generation, report.generation / schema::kQuestionsDatabase,
                          options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency()));
        for (const fs::path& part : sharded ? parts : std::vector<fs::path>{report.generation}) {
            Xapian::WritableDatabase db(part.string(), Xapian::DB_OPEN);
            DuplicateGroups::write(db, groups);
            if (!sharded) DuplicateGroups::write_member_lists(db, groups);
            db.commit();
        }
        if (sharded) {
            Xapian::WritableDatabase lists((report.generation / schema::kSpellingDatabase).string(), Xapian::DB_OPEN);
            DuplicateGroups::write_member_lists(lists, groups);
            lists.commit();
        }
        report.threads_in_duplicate_groups = groups.size();
        if (answer_model) write_answer_model(report.generation, *answer_model);
        report.group_seconds = lap();
        // Never publish what readers would crash on (a bad disk, a write cut short).
        progress.phase("checking");
        GenerationCheck::run(report.generation);
        report.check_seconds = lap();
        progress.phase("committing");
    } catch (...) {
        stop_writers();
        // A failed build must not leave a half-written generation behind (nor touch the live one).
        fs::remove_all(report.generation, ec);
        throw;
    }
    publisher.publish(report.generation);
    progress.end_phase();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace kb
