#include "indexer/index_writer.h"

#include "indexer/pii_scrubber.h"
#include "indexer/schema.h"

namespace kb {

namespace {

std::string without_placeholders(std::string text) {
    for (std::string_view placeholder : PiiScrubber::placeholders())
        for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at))
            text.replace(at, placeholder.size(), " ");
    return text;
}

}  // namespace

std::string product_key(const Normaliser& normaliser, std::string_view product) {
    const std::string folded = normaliser.fold(product);
    std::string key;
    bool gap = false;
    for (unsigned char c : folded) {
        const bool word = std::isalnum(c) || c >= 0x80;
        if (!word) {
            gap = !key.empty();
            continue;
        }
        if (gap) key += '-';
        gap = false;
        key += static_cast<char>(c);
    }
    return key;
}

std::string thread_id_of(const Xapian::Document& doc) {
    auto term = doc.termlist_begin();
    term.skip_to(std::string(schema::kIdPrefix));
    if (term == doc.termlist_end() || (*term).rfind(schema::kIdPrefix, 0) != 0) return {};
    return (*term).substr(schema::kIdPrefix.size());
}

PassageWriter::PassageWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {
    generator_.set_stemmer(Xapian::Stem("english"));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator_.set_max_word_length(static_cast<unsigned>(schema::kMaxTermLength));
}

void PassageWriter::add(const std::string& id, const std::string& text) {
    Xapian::Document doc;
    generator_.set_document(doc);
    generator_.index_text(without_placeholders(normaliser_.fold(text)));
    const std::string id_term = std::string(schema::kIdPrefix) + id;
    doc.add_boolean_term(id_term);
    db_.replace_document(id_term, doc);
}

IndexWriter::IndexWriter(const std::filesystem::path& dir)
    : db_(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE),
      questions_(Xapian::WritableDatabase((dir / schema::kQuestionsDatabase).string(), Xapian::DB_CREATE_OR_OVERWRITE)) {
    generator_.set_stemmer(Xapian::Stem("english"));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator_.set_database(db_);
    generator_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    generator_.set_max_word_length(static_cast<unsigned>(schema::kMaxTermLength));
}

void IndexWriter::index_field(const std::string& text, Xapian::termcount weight, std::string_view prefix) {
    generator_.index_text(without_placeholders(normaliser_.fold(text)), weight, std::string(prefix));
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
    if (const Answer* answer = record.canonical_answer())
        doc.add_boolean_term(std::string(schema::kRolePrefix) + std::string(to_string(answer->role)));
    if (!record.duplicate_group.empty()) {
        doc.add_boolean_term(std::string(schema::kDupGroupPrefix) + record.duplicate_group);
        doc.add_value(schema::kSlotDupGroup, record.duplicate_group);
    }
    if (t.date.size() >= 10) doc.add_value(schema::kSlotDate, t.date.substr(0, 10));
    int helpful = 0;
    for (const Answer& a : t.answers) helpful += a.helpful;
    doc.add_value(schema::kSlotHelpful, Xapian::sortable_serialise(helpful));

    doc.set_data(serialise_record(record));
    const std::string id_term = std::string(schema::kIdPrefix) + t.id;
    doc.add_boolean_term(id_term);
    db_.replace_document(id_term, doc);
    questions_.add(t.id, t.title + "\n" + t.question);
}

void IndexWriter::commit() {
    db_.commit();
    questions_.commit();
}

}  // namespace kb
