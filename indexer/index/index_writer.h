// IndexWriter: turns ThreadRecords into Xapian documents (terms, values, data) by the schema.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <xapian.h>

#include "indexer/index/passage_writer.h"
#include "indexer/schema/thread_record.h"
#include "indexer/text/normaliser.h"

namespace kb {

// How an IndexWriter writes.
struct WriterOptions {
    bool sync = true;      // fsync on commit; off for a part of a build merged before anyone reads it
    bool fresh = false;    // a new, empty database whose thread ids the caller keeps unique: each
                           // record is added without looking up an earlier one to replace
    bool spelling = true;  // every word into the spelling table; off when a build fills it from
                           // the merged vocabulary (add_vocabulary_spelling)
};

class IndexWriter {
  public:
    // Opens or creates (overwrites, when fresh) a database in `dir`, and its questions
    // database in dir/schema::kQuestionsDatabase. Throws Xapian::Error.
    explicit IndexWriter(const std::filesystem::path& dir, WriterOptions options = {});

    // Adds a record, replacing any earlier document with the same thread id.
    void add(const ThreadRecord& record);
    void commit();
    Xapian::doccount document_count() const { return db_.get_doccount(); }
    Xapian::WritableDatabase& database() { return db_; }

  private:
    void index_field(const std::string& text, Xapian::termcount weight, std::string_view prefix = {});

    WriterOptions options_;
    Xapian::WritableDatabase db_;
    Xapian::TermGenerator generator_;
    Normaliser normaliser_;
    PassageWriter questions_;
};

}  // namespace kb
