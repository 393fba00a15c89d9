#include "indexer/index/index_writer.h"

#include "indexer/index/spelling_table.h"
#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"

namespace kb {

namespace {

int open_flags(const WriterOptions& options) {
    return (options.fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN) |
           (options.sync ? 0 : Xapian::DB_NO_SYNC);
}

// Throws Error (this record only) when a term is over Xapian's limit, before the database sees it.
void check_term_lengths(const Xapian::Document& doc) {
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
        if ((*term).size() > schema::kMaxXapianTermBytes)
            throw Error("a term is longer than Xapian's " + std::to_string(schema::kMaxXapianTermBytes) +
                        "-byte limit (" + (*term).substr(0, 40) + "...); the id or a product name is too long");
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
    generator_.set_max_word_length(static_cast<unsigned>(schema::kMaxTermLength));
}

void IndexWriter::index_field(const std::string& text, Xapian::termcount weight, std::string_view prefix) {
    generator_.index_text(indexable_text(normaliser_, text), weight, std::string(prefix));
    // A gap so a phrase cannot match across two fields.
    generator_.increase_termpos(100);
}

bool IndexWriter::add(const ThreadRecord& record) {
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
    if (!label.empty()) doc.add_boolean_term(std::string(schema::kProductPrefix) + product_key(normaliser_, label));
    if (!record.duplicate_group.empty()) {
        doc.add_value(schema::kSlotGroup, record.duplicate_group);
        doc.add_value(schema::kSlotFacet, label + schema::kFacetGroupSeparator + record.duplicate_group);
    } else if (!label.empty()) {
        doc.add_value(schema::kSlotFacet, label);
    }
    int helpful = 0;
    bool accepted = false;
    for (const Answer& a : t.answers) {
        helpful += a.helpful;
        accepted = accepted || a.accepted;
    }
    if (accepted) doc.add_boolean_term(std::string(schema::kAcceptedTerm));
    if (const std::string date = date_key(t.date); !date.empty()) doc.add_value(schema::kSlotDate, date);
    doc.add_value(schema::kSlotHelpful, Xapian::sortable_serialise(helpful));

    doc.set_data(serialise_record(record));
    const std::string term = id_term(t.id);
    doc.add_boolean_term(term);
    check_term_lengths(doc);
    bool replaced = false;
    if (options_.fresh) {
        db_.add_document(doc);
    } else {
        if (auto old = db_.postlist_begin(term); old != db_.postlist_end(term)) {
            replaced = true;
            if (options_.spelling) update_spelling(db_.get_document(*old), -1);
        }
        db_.replace_document(term, doc);
    }
    if (options_.spelling) update_spelling(doc, +1);
    questions_.add(t.id, t.title + "\n" + t.question);
    if (options_.flush_every > 0 && ++unflushed_ >= options_.flush_every) commit();
    return replaced;
}

bool IndexWriter::remove(const std::string& id) {
    const std::string term = id_term(id);
    const auto old = db_.postlist_begin(term);
    if (old == db_.postlist_end(term)) return false;
    if (options_.spelling) update_spelling(db_.get_document(*old), -1);
    db_.delete_document(term);
    questions_.database().delete_document(term);
    return true;
}

void IndexWriter::rewrite_question(const std::string& id) {
    const std::string term = id_term(id);
    const auto doc = db_.postlist_begin(term);
    if (doc == db_.postlist_end(term)) {
        questions_.database().delete_document(term);
        return;
    }
    const ThreadRecord record = parse_record(db_.get_document(*doc).get_data());
    questions_.add(id, record.thread.title + "\n" + record.thread.question);
}

void IndexWriter::update_spelling(const Xapian::Document& doc, int sign) {
    Xapian::WritableDatabase& table = words();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& word = *t;
        if (!is_plain_word(word)) continue;
        if (sign > 0)
            table.add_spelling(word, t.get_wdf());
        else
            table.remove_spelling(word, t.get_wdf());
    }
}

void IndexWriter::commit() {
    db_.commit();
    questions_.commit();
    unflushed_ = 0;
}

}  // namespace kb
