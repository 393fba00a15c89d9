#include "indexer/ingest/canonical_answer.h"

#include <algorithm>
#include <tuple>

namespace kb {

namespace {

int role_rank(AuthorRole role) {
    switch (role) {
        case AuthorRole::StaffModerator:
        case AuthorRole::Staff:
        case AuthorRole::Moderator:
            return 2;
        case AuthorRole::User:
            return 1;
        case AuthorRole::Ai:
            return 0;
    }
    return 0;
}

std::string role_phrase(AuthorRole role) { return std::string(role_answer_phrase(role)); }

}  // namespace

CanonicalChoice CanonicalAnswer::pick(const Thread& thread, std::vector<double>* scores_out) const {
    CanonicalChoice choice;
    std::vector<AnswerFeatures::Row> rows;
    std::vector<double> scores;
    if (scores_out) *scores_out = scores = ranker_.score(thread, &rows);
    for (int i = 0; i < static_cast<int>(thread.answers.size()); ++i) {
        const Answer& a = thread.answers[static_cast<std::size_t>(i)];
        if (a.accepted && !a.body.empty()) {
            choice.index = i;
            choice.why = "accepted by the asker (" + role_phrase(a.role) + ")";
            return choice;
        }
    }
    // A thanks-only reply ("Thanks, that worked!") is never the canonical answer while a real one
    // exists, whatever its votes: it is what a moderator would paste last.
    if (!scores_out) scores = ranker_.score(thread, &rows);
    std::vector<int> order(scores.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return scores[static_cast<std::size_t>(a)] > scores[static_cast<std::size_t>(b)];
    });
    std::stable_partition(order.begin(), order.end(), [&](int i) {
        return !AnswerRanker::is_acknowledgement(thread.answers[static_cast<std::size_t>(i)].body);
    });
    int runner_up = -1;
    for (int i : order)
        if (!thread.answers[static_cast<std::size_t>(i)].body.empty()) {
            if (choice.index < 0)
                choice.index = i;
            else if (runner_up < 0)
                runner_up = i;
        }
    if (choice.index < 0) return choice;

    const Answer& winner = thread.answers[static_cast<std::size_t>(choice.index)];
    const std::string kind = role_phrase(winner.role);
    if (runner_up < 0) {
        choice.why = "only answer (" + kind + ")";
        return choice;
    }
    // The reason names the signals that set the winner apart from the runner-up, as the learned
    // model weighed them.
    const std::vector<std::string> signals = ranker_.deciding_signals(thread, rows, choice.index, runner_up);
    if (!signals.empty()) {
        std::string named;
        for (const std::string& s : signals) named += (named.empty() ? "" : ", ") + s;
        choice.why = "best answer by the learned ranker: " + named + " (" + kind + ")";
        return choice;
    }
    int others = 0;
    bool most_votes = winner.helpful > 0, best_role = true;
    for (int i = 0; i < static_cast<int>(thread.answers.size()); ++i) {
        const Answer& a = thread.answers[static_cast<std::size_t>(i)];
        if (i == choice.index || a.body.empty()) continue;
        ++others;
        most_votes = most_votes && a.helpful < winner.helpful;
        best_role = best_role && role_rank(a.role) < role_rank(winner.role);
    }
    if (most_votes) {
        choice.why = "most helpful votes: " + std::to_string(winner.helpful) + " (" + kind + ")";
    } else if (best_role) {
        choice.why =
            kind + ", preferred over " + (winner.role == AuthorRole::User ? "AI answers" : "community and AI answers");
    } else {
        choice.why = "best answer by page signals: length, steps, overlap with the question (" + kind + ")";
    }
    return choice;
}

}  // namespace kb
