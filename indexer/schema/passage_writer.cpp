#include "indexer/schema/passage_writer.h"

#include "indexer/schema/keys.h"
#include "indexer/schema/schema.h"
#include "indexer/text/pii_scrubber.h"

namespace kb {

std::string indexable_text(const Normaliser& normaliser, const std::string& text) {
    std::string folded = normaliser.fold(text);
    for (std::string_view placeholder : PiiScrubber::placeholders())
        for (auto at = folded.find(placeholder); at != std::string::npos; at = folded.find(placeholder, at))
            folded.replace(at, placeholder.size(), " ");
    return folded;
}

PassageWriter::PassageWriter(Xapian::WritableDatabase db, bool fresh) : db_(std::move(db)), fresh_(fresh) {
    generator_.set_stemmer(Xapian::Stem(schema::kStemmerLanguage));
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator_.set_max_word_length(static_cast<unsigned>(schema::kMaxTermLength));
}

void PassageWriter::add(const std::string& id, const std::string& text) {
    Xapian::Document doc;
    generator_.set_document(doc);
    generator_.index_text(indexable_text(normaliser_, text));
    const std::string term = id_term(id);
    doc.add_boolean_term(term);
    if (fresh_)
        db_.add_document(doc);
    else
        db_.replace_document(term, doc);
}

Xapian::Database index_passages(const std::vector<std::pair<std::string, std::string>>& passages) {
    PassageWriter writer(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    for (const auto& [id, text] : passages) writer.add(id, text);
    writer.commit();
    return writer.database();
}

}  // namespace kb
