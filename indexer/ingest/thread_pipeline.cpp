#include "indexer/ingest/thread_pipeline.h"

#include "indexer/text/name_finder.h"
#include "indexer/text/pii_scrubber.h"

namespace kb {

std::string ThreadPipeline::written_text(const Thread& raw) const {
    std::string written = normaliser_.clean(raw.title) + "\n" + normaliser_.clean(raw.question);
    for (const Answer& a : raw.answers) written += "\n\n" + normaliser_.clean(a.body);
    return written;
}

void ThreadPipeline::count_phrases(const Thread& raw, ForumPhrases& phrases) const {
    phrases.count_person(raw.asker_name);
    for (const Answer& a : raw.answers) phrases.count_person(a.author_name);
    std::vector<std::string> uncued;
    (void)NameFinder(raw.product_path).find(written_text(raw), nullptr, &uncued);
    phrases.count_thread(uncued);
}

ThreadRecord ThreadPipeline::prepare(Thread raw) const {
    std::vector<std::string> names;
    if (!raw.asker_name.empty()) names.push_back(raw.asker_name);
    for (const Answer& a : raw.answers)
        if (!a.author_name.empty()) names.push_back(a.author_name);
    // Names written in the text (a manager, a colleague, a signature) join the display names, so
    // that each is removed wherever it appears in the thread, whole or by its parts.
    for (std::string& name : NameFinder(raw.product_path).find(written_text(raw), forum_.get()))
        names.push_back(std::move(name));
    const PiiScrubber scrubber(std::move(names));

    auto clean = [&](const std::string& text) {
        // Scrub before stripping: removing a marker or a greeting leaves blank lines that strip() folds.
        std::string scrubbed = scrubber.scrub(normaliser_.clean(text));
        if (forum_ && forum_->people()) scrubbed = forum_->people()->remove_names(scrubbed);
        return boilerplate_.strip(scrubbed);
    };
    ThreadRecord record;
    Thread& t = record.thread;
    t = std::move(raw);
    t.title = clean(t.title);
    t.question = clean(t.question);
    for (std::string& level : t.product_path) level = normaliser_.clean(level);
    for (Answer& a : t.answers) {
        a.body = clean(a.body);
        a.role_label = scrubber.scrub(normaliser_.clean(a.role_label));
    }
    // The picker tells the asker's own replies by name; names go right after.
    record.canonical = canonical_.pick(t);
    t.asker_name.clear();
    for (Answer& a : t.answers) a.author_name.clear();

    std::string all_text = t.title + "\n" + t.question;
    for (const Answer& a : t.answers) all_text += "\n" + a.body;
    record.codes = error_codes_.extract(all_text);
    return record;
}

}  // namespace kb
