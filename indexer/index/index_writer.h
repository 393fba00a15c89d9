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

class IndexWriter {
  public:
    // Creates (or overwrites) a database in `dir`, and its questions database in
    // dir/schema::kQuestionsDatabase. Throws Xapian::Error.
    explicit IndexWriter(const std::filesystem::path& dir);

    // Adds a record, replacing any earlier document with the same thread id.
    void add(const ThreadRecord& record);
    void commit();
    Xapian::doccount document_count() const { return db_.get_doccount(); }
    Xapian::WritableDatabase& database() { return db_; }

  private:
    void index_field(const std::string& text, Xapian::termcount weight, std::string_view prefix = {});

    Xapian::WritableDatabase db_;
    Xapian::TermGenerator generator_;
    Normaliser normaliser_;
    PassageWriter questions_;
};

}  // namespace kb
