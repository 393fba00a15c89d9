#include "server/search/hits.h"

#include <algorithm>

#include "indexer/text/text_helpers.h"

namespace kb {

namespace {

constexpr unsigned kSnippetLength = 260;
// The snippet reads at most this much of the question and of the answer: Xapian stems every
// word it reads, so a pasted log would otherwise cost a hit milliseconds.
constexpr std::size_t kSnippetSourceBytes = 4000;
// A hit's answer text and title are previews: a page of results stays small however long a
// thread is (the index cuts posts at their own limit; the thread page shows them whole). The
// copy text is never cut, so one click still copies the whole answer.
constexpr std::size_t kHitAnswerBytes = 8 * 1024;
constexpr std::size_t kHitTitleBytes = 300;

// `text` cut at a space to at most `limit` bytes, marked with an ellipsis when cut.
std::string preview(const std::string& text, std::size_t limit, bool* cut = nullptr) {
    std::string_view lead = leading_part(text, limit);
    if (lead.empty() && !text.empty()) {  // no space to cut at: at a character boundary instead
        std::size_t end = std::min(limit, text.size());
        while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        lead = std::string_view(text).substr(0, end);
    }
    if (cut) *cut = lead.size() < text.size();
    return lead.size() < text.size() ? std::string(lead) + "…" : text;
}

}  // namespace

AnswerView answer_view(const ThreadRecord& record) { return answer_view(record, record.canonical.index); }

AnswerView answer_view(const ThreadRecord& record, int index) {
    AnswerView view;
    if (index < 0 || static_cast<std::size_t>(index) >= record.thread.answers.size()) return view;
    const Answer* a = &record.thread.answers[static_cast<std::size_t>(index)];
    view.index = index;
    view.text = preview(a->body, kHitAnswerBytes, &view.text_truncated);
    view.copy = record.copy_text(index);
    view.role = std::string(to_string(a->role));
    view.role_name = std::string(role_display_name(a->role));
    view.role_label = a->role_label;
    if (index == record.canonical.index) view.why = record.canonical.why;
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
    hit.title = preview(record.thread.title, kHitTitleBytes);
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
