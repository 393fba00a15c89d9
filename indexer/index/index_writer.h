// IndexWriter: turns ThreadRecords into Xapian documents (terms, values, data) by the schema.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <xapian.h>

#include "indexer/schema/passage_writer.h"
#include "indexer/schema/thread_record.h"
#include "indexer/text/normaliser.h"

namespace kb {

// How an IndexWriter writes.
struct WriterOptions {
    bool sync = true;      // fsync on commit; off for a part of a build merged before anyone reads it
    bool fresh = false;    // a new, empty database whose thread ids the caller keeps unique: each
                           // record is added without looking up an earlier one to replace
    bool spelling = true;  // keep the spelling table in step with each thread written or removed;
                           // off when a build fills it from the merged vocabulary at the end
    Xapian::WritableDatabase* spelling_table = nullptr;  // whose table that is: null for this
                                                         // database; a sharded index's spelling one
    unsigned flush_every = 0;                            // commit after this many documents; 0 leaves it to Xapian
                                                         // (XAPIAN_FLUSH_THRESHOLD, 10,000 by default)
};

class IndexWriter {
  public:
    // Opens or creates (overwrites, when fresh) a database in `dir`, and its questions
    // database in dir/schema::kQuestionsDatabase. Throws Xapian::Error.
    explicit IndexWriter(const std::filesystem::path& dir, WriterOptions options = {});

    // Adds a record, replacing any earlier document with the same thread id; true when it
    // replaced one (never, when fresh).
    bool add(const ThreadRecord& record);
    // Removes the thread with this id; false when there is none.
    bool remove(const std::string& id);
    // Rewrites the thread's questions document from its main document (removes it when the
    // main database has none): how an update cut off between the two commits is repaired.
    void rewrite_question(const std::string& id);
    void commit();
    // The questions database (one title and question per thread) beside the main one.
    Xapian::WritableDatabase& questions() { return questions_.database(); }
    Xapian::doccount document_count() const { return db_.get_doccount(); }
    Xapian::WritableDatabase& database() { return db_; }
    // Where the index's spelling table and duplicate-group lists live: a sharded index's
    // spelling database, or the main one.
    Xapian::WritableDatabase& words() { return options_.spelling_table ? *options_.spelling_table : db_; }

  private:
    // Adds (sign +1) or takes back (-1) a document's plain words in the spelling table, each as
    // often as the index counts it (its wdf), as add_vocabulary_spelling counts a build's.
    void update_spelling(const Xapian::Document& doc, int sign);
    void index_field(const std::string& text, Xapian::termcount weight, std::string_view prefix = {});

    WriterOptions options_;
    unsigned unflushed_ = 0;  // documents added since the last commit
    Xapian::WritableDatabase db_;
    Xapian::TermGenerator generator_;
    Normaliser normaliser_;
    PassageWriter questions_;
};

}  // namespace kb
