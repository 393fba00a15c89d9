#include "indexer/ingest/thread_pipeline.h"

#include <cmath>
#include <limits>

#include "indexer/text/name_finder.h"
#include "indexer/text/pii_scrubber.h"

namespace kb {

namespace {

// Title, question and answers as one text, for the name finder.
std::string joined_text(const Thread& t) {
    std::string joined = t.title + "\n" + t.question;
    for (const Answer& a : t.answers) joined += "\n\n" + a.body;
    return joined;
}

}  // namespace

void ThreadPipeline::count_phrases(const Thread& raw, ForumPhrases& phrases) const {
    phrases.count_person(raw.asker_name);
    for (const Answer& a : raw.answers) phrases.count_person(a.author_name);
    std::vector<std::string> uncued;
    Thread text;  // what prepare() gives the finder: the thread's text, normalised
    text.title = normaliser_.clean(raw.title);
    text.question = normaliser_.clean(raw.question);
    for (const Answer& a : raw.answers) text.answers.emplace_back().body = normaliser_.clean(a.body);
    (void)NameFinder(raw.product_path).find(joined_text(text), nullptr, &uncued);
    phrases.count_thread(uncued);
}

ThreadRecord ThreadPipeline::prepare(Thread raw) const {
    ThreadRecord record;
    Thread& t = record.thread;
    t = std::move(raw);
    // Normalised once: the name finder and the scrubber read the same text.
    t.title = normaliser_.clean(t.title);
    t.question = normaliser_.clean(t.question);
    for (std::string& level : t.product_path) level = normaliser_.clean(level);
    for (Answer& a : t.answers) {
        a.body = normaliser_.clean(a.body);
        a.role_label = normaliser_.clean(a.role_label);
    }

    std::vector<std::string> names;
    if (!t.asker_name.empty()) names.push_back(t.asker_name);
    for (const Answer& a : t.answers)
        if (!a.author_name.empty()) names.push_back(a.author_name);
    // Names written in the text (a manager, a colleague, a signature) join the display names, so
    // that each is removed wherever it appears in the thread, whole or by its parts.
    for (std::string& name : NameFinder(t.product_path).find(joined_text(t), forum_.get()))
        names.push_back(std::move(name));
    const PiiScrubber scrubber(std::move(names));

    auto clean = [&](const std::string& text) {
        // Scrub before stripping: removing a marker or a greeting leaves blank lines that strip() folds.
        std::string scrubbed = scrubber.scrub(text);
        if (forum_ && forum_->people()) scrubbed = forum_->people()->remove_names(scrubbed);
        return boilerplate_.strip(scrubbed);
    };
    t.title = clean(t.title);
    t.question = clean(t.question);
    for (Answer& a : t.answers) {
        a.body = clean(a.body);
        a.role_label = scrubber.scrub(a.role_label);
    }
    // The picker tells the asker's own replies by name; names go right after.
    std::vector<double> scores;
    record.canonical = canonical_.pick(t, &scores);
    // Every answer keeps its score and copy text: answers for a new question draw on them all.
    record.notes.resize(t.answers.size());
    for (std::size_t i = 0; i < t.answers.size(); ++i) {
        AnswerNotes& n = record.notes[i];
        // Stored without the accepted mark's bonus: the record says whether it was accepted, and
        // the bonus would swamp every other answer's score wherever the score is compared.
        if (i < scores.size() && !t.answers[i].body.empty() && scores[i] > std::numeric_limits<double>::lowest()) {
            const double model = scores[i] - (t.answers[i].accepted ? AnswerRanker::kAcceptedBonus : 0);
            n.quality = std::round(model * 1000) / 1000;  // three places: the records stay small
        }
        n.copy = copy_text_.make(t.answers[i].body);
    }
    if (record.canonical_answer())
        record.canonical.copy = record.notes[static_cast<std::size_t>(record.canonical.index)].copy;
    t.asker_name.clear();
    for (Answer& a : t.answers) a.author_name.clear();

    std::string all_text = t.title + "\n" + t.question;
    for (const Answer& a : t.answers) all_text += "\n" + a.body;
    record.codes = error_codes_.extract(all_text);
    return record;
}

}  // namespace kb
