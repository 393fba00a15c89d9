// IndexWriter: turns ThreadRecords into Xapian documents (terms, values, data) by the schema.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <xapian.h>

#include "indexer/normaliser.h"
#include "indexer/thread_record.h"

namespace kb {

// "Microsoft 365 and Office" -> "microsoft-365-and-office": the product filter key. Shared with
// the searcher so filters built from user input meet the indexed terms.
std::string product_key(const Normaliser& normaliser, std::string_view product);

// The thread id a document was written under (its schema::kIdPrefix term); "" when it has none.
std::string thread_id_of(const Xapian::Document& doc);

// PassageWriter: a database of short texts (a thread's title and question, one comment), each
// under its id term (schema::kIdPrefix), folded and stemmed as the main index's text is.
class PassageWriter {
  public:
    explicit PassageWriter(Xapian::WritableDatabase db);
    // Adds or replaces the passage with this id.
    void add(const std::string& id, const std::string& text);
    void commit() { db_.commit(); }
    Xapian::WritableDatabase& database() { return db_; }

  private:
    Xapian::WritableDatabase db_;
    Xapian::TermGenerator generator_;
    Normaliser normaliser_;
};

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
