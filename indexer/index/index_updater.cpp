#include "indexer/index/index_updater.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <sstream>

#include <xapian.h>

#include "indexer/index/duplicate_groups.h"
#include "indexer/index/index_lock.h"
#include "indexer/index/index_publisher.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/input_reader.h"
#include "indexer/index/shard_layout.h"
#include "indexer/ingest/thread_pipeline.h"
#include "indexer/schema/generation_check.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

std::string metadata(const Xapian::Database& db, std::string_view key) { return db.get_metadata(std::string(key)); }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

// An update cut off between its two commits left the questions database behind (or, written
// the other way round, ahead of) the main one: rewrite the ids of the later update from the
// main database. True when there was something to repair.
bool bring_questions_in_line(IndexWriter& writer) {
    Xapian::WritableDatabase& db = writer.database();
    Xapian::WritableDatabase& questions = writer.questions();
    const std::string serial = metadata(db, schema::kUpdateSerialKey);
    const std::string question_serial = metadata(questions, schema::kUpdateSerialKey);
    if (serial == question_serial) return false;
    std::vector<std::string> ids = lines_of(metadata(db, schema::kUpdateBatchKey));
    for (std::string& id : lines_of(metadata(questions, schema::kUpdateBatchKey))) ids.push_back(std::move(id));
    for (const std::string& id : ids) writer.rewrite_question(id);
    questions.set_metadata(std::string(schema::kUpdateSerialKey), serial);
    questions.set_metadata(std::string(schema::kUpdateBatchKey), metadata(db, schema::kUpdateBatchKey));
    questions.commit();
    return true;
}

// Runs `change` on one database (a whole index, or one shard) as one update: inside a
// transaction on each of its two databases, committed main first, questions second.
// `spelling`: where a sharded index keeps its spelling table, or null.
void apply_to(const fs::path& database, Xapian::WritableDatabase* spelling, UpdateReport& report,
              const std::function<std::vector<std::string>(IndexWriter&)>& change) {
    IndexWriter writer(database, WriterOptions{.spelling_table = spelling});
    report.repaired = bring_questions_in_line(writer) || report.repaired;

    Xapian::WritableDatabase& db = writer.database();
    Xapian::WritableDatabase& questions = writer.questions();
    db.begin_transaction();
    questions.begin_transaction();
    std::vector<std::string> touched = change(writer);
    std::string batch;
    for (const std::string& id : touched) batch += id + "\n";
    const std::string serial = std::to_string(std::stoull("0" + metadata(db, schema::kUpdateSerialKey)) + 1);
    for (Xapian::WritableDatabase* each : {&db, &questions}) {
        each->set_metadata(std::string(schema::kUpdateSerialKey), serial);
        each->set_metadata(std::string(schema::kUpdateBatchKey), batch);
    }
    db.commit_transaction();
    questions.commit_transaction();
}

// Runs `change` for the live generation of `db_dir` under the write lock: once on a single
// index; on a sharded one, once for each shard, with the ids shard_of() places there.
void apply(const fs::path& db_dir, std::chrono::milliseconds lock_wait, std::ostream* log, UpdateReport& report,
           const std::vector<std::string>& ids,
           const std::function<std::vector<std::string>(IndexWriter&, const std::vector<std::size_t>&)>& change,
           const std::function<void(const fs::path&)>& on_generation = {}) {
    const IndexLock lock(db_dir, lock_wait, log);
    const auto live = live_generation(db_dir);
    if (!live) throw IndexError("no published index at " + db_dir.string() + " (build one with `kbsearch index`)");
    IndexPublisher(db_dir).reclaim();  // what a killed build left, now that no build can run
    const fs::path generation = db_dir / *live;
    GenerationCheck::check_format(generation, db_dir.string());
    // Read before anything is written: only then do the tables differ from a check's by our commits alone.
    const bool whole = GenerationCheck::known_whole(generation);
    if (on_generation) on_generation(generation);
    const std::vector<fs::path> shards = local_shards(generation);
    if (shards.empty()) {
        std::vector<std::size_t> all(ids.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        apply_to(generation, nullptr, report, [&](IndexWriter& writer) { return change(writer, all); });
        if (whole) GenerationCheck::remember_whole(generation);
        return;
    }
    // Each shard is its own transaction: a reader may see one shard's part of an update
    // before another's, but never half of one shard's.
    std::vector<std::vector<std::size_t>> per_shard(shards.size());
    for (std::size_t i = 0; i < ids.size(); ++i) per_shard[shard_of(ids[i], shards.size())].push_back(i);
    Xapian::WritableDatabase spelling((generation / schema::kSpellingDatabase).string(), Xapian::DB_OPEN);
    for (std::size_t shard = 0; shard < shards.size(); ++shard)
        if (!per_shard[shard].empty())
            apply_to(shards[shard], &spelling, report,
                     [&](IndexWriter& writer) { return change(writer, per_shard[shard]); });
    spelling.commit();
    if (whole) GenerationCheck::remember_whole(generation);
}

}  // namespace

UpdateReport IndexUpdater::update(const BuildOptions& options, std::ostream& log) const {
    const auto started = Clock::now();
    UpdateReport report;
    const std::vector<fs::path> files = collect_files(options.inputs);
    if (files.empty()) throw IndexError("no input files found");
    // Read first, so a sharded index can send each thread to its shard; an update is a batch.
    std::vector<Thread> threads;
    BuildReport read;
    SkipLog skips(log, options.show_progress);
    BuildProgress progress(log, progress_mode(options));
    progress.phase("reading");
    read_threads(options, files, read, skips, [&](Thread&& thread) {
        threads.push_back(std::move(thread));
        progress.advance(threads.size());
        return true;
    });
    report.files_read = read.files_read;
    if (threads.empty()) throw IndexError("no thread could be read; the index is unchanged");
    std::vector<std::string> ids;
    for (const Thread& thread : threads) ids.push_back(thread.id);

    // The update's own threads are its forum vocabulary: a small update finds few frequent
    // phrases, so it takes more for names than the build did, never fewer.
    auto phrases = std::make_shared<ForumPhrases>();
    for (const Thread& thread : threads) ThreadPipeline().count_phrases(thread, *phrases);
    phrases->finish();
    // The answer model is the generation's (read under the write lock, so it is the one the
    // update writes into): its build's fit of the forum, or the built-in one.
    std::optional<ThreadPipeline> pipeline;
    const auto with_generation_model = [&](const fs::path& generation) {
        std::shared_ptr<const AnswerModel> model;
        const fs::path file = generation / schema::kAnswerModelFile;
        if (fs::exists(file)) model = AnswerModel::from_json(read_input_file(file, 64 << 20));
        pipeline.emplace(phrases, std::move(model));
    };
    progress.phase("cleaning, writing, grouping");
    apply(
        options.db, lock_wait_, &log, report, ids,
        [&](IndexWriter& writer, const std::vector<std::size_t>& mine) {
            std::vector<std::string> written;
            for (const std::size_t i : mine) {
                bool replaced = false;
                std::optional<ParseError> rejected = write_or_reject(
                    threads[i], [&] { replaced = writer.add(pipeline->prepare(std::move(threads[i]))); });
                if (rejected) {
                    skips.skip(std::move(*rejected));
                    continue;
                }
                ++(replaced ? report.replaced : report.added);
                written.push_back(ids[i]);
            }
            report.threads_in_duplicate_groups +=
                DuplicateGroups().regroup(writer.database(), writer.questions(), writer.words(), written);
            return written;
        },
        with_generation_model);
    progress.end_phase();
    report.skipped = skips.take();
    report.warnings = skips.warnings();
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
}

bool IndexUpdater::complete_cut_off_update(const fs::path& generation) {
    std::vector<fs::path> databases = local_shards(generation);
    if (databases.empty()) databases.push_back(generation);
    bool repaired = false;
    for (const fs::path& database : databases) {
        IndexWriter writer(database);
        repaired = bring_questions_in_line(writer) || repaired;
    }
    return repaired;
}

UpdateReport IndexUpdater::remove(const fs::path& db, const std::vector<std::string>& ids, std::ostream* log) const {
    const auto started = Clock::now();
    UpdateReport report;
    apply(db, lock_wait_, log, report, ids, [&](IndexWriter& writer, const std::vector<std::size_t>& mine) {
        std::vector<std::string> removed;
        for (const std::size_t i : mine) {
            if (writer.remove(ids[i])) {
                removed.push_back(ids[i]);
                ++report.removed;
            } else {
                report.not_found.push_back(ids[i]);
            }
        }
        return removed;
    });
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
}

}  // namespace kb
