#include "indexer/index/index_updater.h"

#include <functional>
#include <ostream>
#include <sstream>

#include <xapian.h>

#include "indexer/index/duplicate_groups.h"
#include "indexer/index/index_lock.h"
#include "indexer/index/index_writer.h"
#include "indexer/index/input_reader.h"
#include "indexer/ingest/thread_pipeline.h"
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

// Runs `change` on the live generation of `db_dir` as one update: under the lock, inside a
// transaction on each database, committed main first, questions second.
void apply(const fs::path& db_dir, std::chrono::milliseconds lock_wait, UpdateReport& report,
           const std::function<std::vector<std::string>(IndexWriter&)>& change) {
    const IndexLock lock(db_dir, lock_wait);
    const auto live = live_generation(db_dir);
    if (!live) throw IndexError("no published index at " + db_dir.string() + " (build one with `kbsearch index`)");
    IndexWriter writer(db_dir / *live);
    report.repaired = bring_questions_in_line(writer);

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

}  // namespace

UpdateReport IndexUpdater::update(const BuildOptions& options, std::ostream& log) const {
    const auto started = Clock::now();
    UpdateReport report;
    const std::vector<fs::path> files = collect_files(options.inputs);
    if (files.empty()) throw IndexError("no input files found");
    apply(options.db, lock_wait_, report, [&](IndexWriter& writer) {
        const ThreadPipeline pipeline;
        BuildReport read;
        std::vector<std::string> ids;
        read_threads(options, files, read, log, [&](Thread&& thread) {
            const std::string term = id_term(thread.id);
            const bool exists = writer.database().postlist_begin(term) != writer.database().postlist_end(term);
            ids.push_back(thread.id);
            writer.add(pipeline.prepare(std::move(thread)));
            ++(exists ? report.replaced : report.added);
            return true;
        });
        report.files_read = read.files_read;
        report.skipped = std::move(read.skipped);
        if (ids.empty()) throw IndexError("no thread could be read; the index is unchanged");
        report.threads_in_duplicate_groups = DuplicateGroups().regroup(writer.database(), writer.questions(), ids);
        return ids;
    });
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
}

UpdateReport IndexUpdater::remove(const fs::path& db, const std::vector<std::string>& ids) const {
    const auto started = Clock::now();
    UpdateReport report;
    apply(db, lock_wait_, report, [&](IndexWriter& writer) {
        std::vector<std::string> removed;
        for (const std::string& id : ids) {
            if (writer.remove(id)) {
                removed.push_back(id);
                ++report.removed;
            } else {
                report.not_found.push_back(id);
            }
        }
        return removed;
    });
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
}

}  // namespace kb
