#include "indexer/ingest/answer_ranker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>

namespace kb {

using enum AnswerFeatures::Column;

namespace {

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

bool present(float value) { return !std::isnan(value); }

// A reading that set the winner apart because the runner-up had it: a trait of the runner-up
// ("the runner-up is an AI answer"); a merit the runner-up lacked stays the winner's merit
// ("worded like good answers": the winner's wording is better).
std::string about_runner_up(const std::string& reading) {
    if (reading == "AI answer") return "the runner-up is an AI answer";
    if (reading == "thanks rather than an answer") return "the runner-up is thanks rather than an answer";
    if (reading == "asks rather than answers") return "the runner-up asks rather than answers";
    if (reading == "the asker's own reply") return "the runner-up is the asker's own reply";
    if (reading == "tone" || reading == "the dialogue around it" || reading == "contact details")
        return "the runner-up's " + reading;
    return reading;
}

}  // namespace

AnswerRanker::AnswerRanker() : model_(AnswerModel::built_in()) {}

AnswerRanker::AnswerRanker(std::shared_ptr<const AnswerModel> model) : model_(std::move(model)) {}

AnswerRanker AnswerRanker::hand_weighted() { return hand_weighted(Weights{}); }

AnswerRanker AnswerRanker::hand_weighted(Weights weights) {
    AnswerRanker ranker(nullptr);
    ranker.weights_ = weights;
    return ranker;
}

std::vector<double> AnswerRanker::hand_scores(const Thread& thread,
                                              const std::vector<AnswerFeatures::Row>& rows) const {
    const Weights& w = weights_;
    std::vector<double> scores;
    scores.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const AnswerFeatures::Row& r = rows[i];
        const Answer& a = thread.answers[i];
        double s = 0;
        if (a.accepted) s += w.accepted;
        s += w.helpful * r[kHelpful];
        s += w.staff * r[kStaff] + w.ai * r[kAi];
        const bool by_asker = present(r[kByAsker]) && r[kByAsker] > 0;
        if (by_asker)
            s += w.by_asker + w.asker_fix * r[kAskerFix];
        else if (present(r[kAuthorReplies]) && r[kAuthorReplies] > 1)
            s += w.chatty_author;
        s += w.acknowledgement * r[kAcknowledgement];
        if (r[kQuestionMarks] > 0) s += w.question;
        s += w.length * r[kLogWords];
        s += w.position * r[kPosition];
        s += w.overlap * r[kQuestionOverlap];
        s += w.link * r[kLink] + w.steps * r[kSteps] + w.digits * r[kDigits] + w.laughter * r[kLaughter];
        scores.push_back(s);
    }
    return scores;
}

std::vector<double> AnswerRanker::score(const Thread& thread, std::vector<AnswerFeatures::Row>* rows) const {
    if (!model_) return score_read(thread, AnswerFeatures::of(thread));
    // The model's rows are read once, scored and handed back for explaining.
    std::vector<AnswerFeatures::Row> read = model_->features(thread);
    std::vector<double> scores = with_priors(thread, model_->score(read));
    if (rows) *rows = std::move(read);
    return scores;
}

std::vector<double> AnswerRanker::score_read(const Thread& thread, const std::vector<AnswerFeatures::Row>& read) const {
    if (model_) return with_priors(thread, model_->score(model_->features(read, thread)));
    std::vector<double> scores = hand_scores(thread, read);
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (is_blank(thread.answers[i].body)) scores[i] = std::numeric_limits<double>::lowest();
    return scores;
}

std::vector<double> AnswerRanker::with_priors(const Thread& thread, std::vector<double> scores) const {
    // Priors for what the labelled forums cannot teach: none marks staff, moderators or AI, so
    // the model has no view of roles, and their votes are too sparse to weigh; the hand rule's
    // weights stand in.
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const Answer& a = thread.answers[i];
        if (a.accepted) scores[i] += kAcceptedBonus;
        if (a.role == AuthorRole::Staff || a.role == AuthorRole::Moderator || a.role == AuthorRole::StaffModerator)
            scores[i] += weights_.staff;
        if (a.role == AuthorRole::Ai) scores[i] += weights_.ai;
        scores[i] += weights_.helpful * std::log1p(std::max(0, a.helpful));
        if (is_blank(a.body)) scores[i] = std::numeric_limits<double>::lowest();
    }
    return scores;
}

std::vector<int> AnswerRanker::rank(const Thread& thread) const {
    const std::vector<double> scores = score(thread);
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return scores[static_cast<std::size_t>(a)] > scores[static_cast<std::size_t>(b)];
    });
    return order;
}

std::vector<std::string> AnswerRanker::deciding_signals(const Thread& thread, int chosen, int other,
                                                        std::size_t limit) const {
    if (!model_) return {};
    return deciding_signals(thread, model_->features(thread), chosen, other, limit);
}

std::vector<std::string> AnswerRanker::deciding_signals(const Thread& thread,
                                                        const std::vector<AnswerFeatures::Row>& rows, int chosen,
                                                        int other, std::size_t limit) const {
    std::vector<std::string> reasons;
    const auto n = static_cast<int>(thread.answers.size());
    if (!model_ || chosen < 0 || chosen >= n || other >= n || rows.size() != thread.answers.size()) return reasons;
    // Only the two answers compared are explained: TreeSHAP costs many times a score.
    std::vector<AnswerFeatures::Row> pair{rows[static_cast<std::size_t>(chosen)]};
    if (other >= 0) pair.push_back(rows[static_cast<std::size_t>(other)]);
    const std::vector<std::vector<float>> parts = model_->contributions(pair);
    // Each reading's lift is what its features gave the chosen answer (mine) less what they gave
    // the other (theirs). A lift that is mostly the other's loss names the other ("runner-up: AI
    // answer"), not a merit of the chosen one.
    struct Lift {
        double mine = 0, theirs = 0;
        std::string reading;
    };
    std::vector<Lift> lifts;
    const auto add = [&](const std::string& reading, double mine, double theirs) {
        auto same = std::find_if(lifts.begin(), lifts.end(), [&](const Lift& l) { return l.reading == reading; });
        if (same == lifts.end()) same = lifts.insert(lifts.end(), Lift{0, 0, reading});
        same->mine += mine;
        same->theirs += theirs;
    };
    for (std::size_t f = 0; f < AnswerFeatures::kCount; ++f)
        add(std::string(AnswerFeatures::reason(f)), parts[0][f], other >= 0 ? parts[1][f] : 0.0);
    // The priors score() adds outside the model.
    auto prior_lift = [&](const Answer& a) {
        const bool staff =
            a.role == AuthorRole::Staff || a.role == AuthorRole::Moderator || a.role == AuthorRole::StaffModerator;
        return std::array<double, 3>{staff ? weights_.staff : 0.0, a.role == AuthorRole::Ai ? weights_.ai : 0.0,
                                     weights_.helpful * std::log1p(std::max(0, a.helpful))};
    };
    const auto mine_prior = prior_lift(thread.answers[static_cast<std::size_t>(chosen)]);
    const auto other_prior =
        other >= 0 ? prior_lift(thread.answers[static_cast<std::size_t>(other)]) : std::array<double, 3>{0, 0, 0};
    const char* prior_readings[] = {"staff or moderator", "AI answer", "helpful votes"};
    for (std::size_t p = 0; p < 3; ++p) add(prior_readings[p], mine_prior[p], other_prior[p]);
    std::stable_sort(lifts.begin(), lifts.end(),
                     [](const Lift& a, const Lift& b) { return a.mine - a.theirs > b.mine - b.theirs; });
    for (const Lift& l : lifts) {
        if (reasons.size() >= limit || l.mine - l.theirs <= 0) break;
        reasons.push_back(l.mine >= -l.theirs ? l.reading : about_runner_up(l.reading));
    }
    return reasons;
}

}  // namespace kb
