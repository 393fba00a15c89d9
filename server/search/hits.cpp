#include "server/search/hits.h"

#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

constexpr unsigned kSnippetLength = 260;
// The snippet reads at most this much of the question and of the answer: Xapian stems every
// word it reads, so a pasted log would otherwise cost a hit milliseconds.
constexpr std::size_t kSnippetSourceBytes = 4000;

}  // namespace

AnswerView answer_view(const ThreadRecord& record) {
    AnswerView view;
    const Answer* a = record.canonical_answer();
    if (!a) return view;
    view.index = record.canonical.index;
    view.text = a->body;
    view.copy = record.copy_text();
    view.role = std::string(to_string(a->role));
    view.role_name = std::string(role_display_name(a->role));
    view.role_label = a->role_label;
    view.why = record.canonical.why;
    view.ai = a->role == AuthorRole::Ai;
    view.accepted = a->accepted;
    view.helpful = a->helpful;
    return view;
}

SearchHit make_hit(const Xapian::MSetIterator& item, const Xapian::MSet& mset, const Xapian::Stem& stemmer) {
    const Xapian::Document doc = item.get_document();
    const ThreadRecord record = parse_record(doc.get_data());
    SearchHit hit;
    hit.id = record.thread.id;
    hit.title = record.thread.title;
    hit.score = item.get_weight();
    hit.percent = item.get_percent();
    hit.products = record.thread.product_path;
    for (const ErrorCode& code : record.codes) hit.error_codes.push_back(code.display);
    hit.date = record.thread.date;
    hit.group = record.duplicate_group;
    std::string source(leading_part(record.thread.question, kSnippetSourceBytes));
    if (const Answer* a = record.canonical_answer())
        source.append("\n").append(leading_part(a->body, kSnippetSourceBytes));
    // Long enough for the whole title, so it comes back highlighted and never cut.
    hit.title_html = mset.snippet(hit.title, hit.title.size() + 1, stemmer, 0, "<mark>", "</mark>", "");
    // No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of the text in the
    // index (a block read each), which was over half of a search's time at 10k threads; the
    // query's own term weights choose the fragment well enough.
    hit.snippet =
        mset.snippet(source, kSnippetLength, stemmer, Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>", "…");
    if (record.canonical_answer()) hit.answer = answer_view(record);
    return hit;
}

}  // namespace kb
