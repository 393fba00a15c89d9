#include "indexer/index/index_writer.h"

#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"

namespace kb {

namespace {

int open_flags(const WriterOptions& options) {
    return (options.fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) |
           (options.sync ? 0 : Xapian::DB_NO_SYNC);
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& dir, WriterOptions options)
    : options_(options),
      db_(dir.string(), open_flags(options)),
      questions_(Xapian::WritableDatabase((dir / schema::kQuestionsDatabase).string(), open_flags(options)),
                 options.fresh) {
    generator_.set_stemmer(Xapian::Stem(schema::kStemmerLanguage));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator_.set_database(db_);
    if (options_.spelling) generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    generator_.set_max_word_length(static_cast<unsigned>(schema::kMaxTermLength));
}

void IndexWriter::index_field(const std::string& text, Xapian::termcount weight, std::string_view prefix) {
    generator_.index_text(indexable_text(normaliser_, text), weight, std::string(prefix));
    // A gap so a phrase cannot match across two fields.
    generator_.increase_termpos(100);
}

void IndexWriter::add(const ThreadRecord& record) {
    const Thread& t = record.thread;
    Xapian::Document doc;
    generator_.set_document(doc);

    index_field(t.title, schema::kTitleWeight);
    index_field(t.title, 1, schema::kTitlePrefix);
    index_field(t.question, schema::kQuestionWeight);
    for (int i = 0; i < static_cast<int>(t.answers.size()); ++i)
        index_field(t.answers[static_cast<std::size_t>(i)].body,
                    i == record.canonical.index ? schema::kCanonicalAnswerWeight : schema::kOtherAnswerWeight);

    for (const ErrorCode& code : record.codes)
        for (const std::string& key : code.keys) doc.add_term(std::string(schema::kErrorCodePrefix) + key);

    for (const std::string& level : t.product_path)
        doc.add_boolean_term(std::string(schema::kProductPrefix) + product_key(normaliser_, level));
    const std::string label = record.product_label();
    if (!label.empty()) {
        doc.add_boolean_term(std::string(schema::kProductPrefix) + product_key(normaliser_, label));
        doc.add_value(schema::kSlotProduct, label);
    }
    if (!record.duplicate_group.empty())
        doc.add_boolean_term(std::string(schema::kDupGroupPrefix) + record.duplicate_group);
    int helpful = 0;
    for (const Answer& a : t.answers) helpful += a.helpful;
    doc.add_value(schema::kSlotHelpful, Xapian::sortable_serialise(helpful));

    doc.set_data(serialise_record(record));
    const std::string term = id_term(t.id);
    doc.add_boolean_term(term);
    if (options_.fresh)
        db_.add_document(doc);
    else
        db_.replace_document(term, doc);
    questions_.add(t.id, t.title + "\n" + t.question);
}

void IndexWriter::commit() {
    db_.commit();
    questions_.commit();
}

}  // namespace kb
