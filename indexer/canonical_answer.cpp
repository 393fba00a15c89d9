#include "indexer/canonical_answer.h"

#include <algorithm>
#include <array>
#include <cctype>
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

std::string lower(const std::string& s) {
    std::string out = s;
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string role_phrase(AuthorRole role) {
    switch (role) {
        case AuthorRole::StaffModerator: return "staff moderator answer";
        case AuthorRole::Staff: return "staff answer";
        case AuthorRole::Moderator: return "moderator answer";
        case AuthorRole::User: return "community answer";
        case AuthorRole::Ai: return "AI answer";
    }
    return "answer";
}

}  // namespace

bool CanonicalAnswer::is_acknowledgement(const std::string& body) {
    static constexpr std::array<std::string_view, 9> kMarkers{
        "thank", "thanks", "that worked", "it worked", "same problem", "same issue", "me too", "+1", "solved it"};
    const std::string text = lower(body);
    if (text.size() > 160) return false;
    return std::any_of(kMarkers.begin(), kMarkers.end(),
                       [&](std::string_view m) { return text.find(m) != std::string::npos; });
}

CanonicalChoice CanonicalAnswer::pick(const Thread& thread) const {
    CanonicalChoice choice;
    using Key = std::tuple<bool, bool, int, int, int, long, int>;
    Key best{};
    for (int i = 0; i < static_cast<int>(thread.answers.size()); ++i) {
        const Answer& a = thread.answers[static_cast<std::size_t>(i)];
        if (a.body.empty()) continue;
        const bool substantive = !is_acknowledgement(a.body);
        const Key key{substantive, a.accepted, a.helpful, a.role != AuthorRole::Ai, role_rank(a.role),
                      a.reputation, -i};
        if (choice.index < 0 || key > best) {
            best = key;
            choice.index = i;
        }
    }
    if (choice.index < 0) return choice;

    // The reason names the first rule that set the winner apart.
    const Answer& winner = thread.answers[static_cast<std::size_t>(choice.index)];
    const std::string kind = role_phrase(winner.role);
    int others = 0;
    bool beat_on_votes = false, beat_on_role = false;
    for (int i = 0; i < static_cast<int>(thread.answers.size()); ++i) {
        if (i == choice.index || thread.answers[static_cast<std::size_t>(i)].body.empty()) continue;
        ++others;
        const Answer& a = thread.answers[static_cast<std::size_t>(i)];
        if (a.helpful < winner.helpful) beat_on_votes = true;
        if (a.helpful == winner.helpful && role_rank(a.role) < role_rank(winner.role)) beat_on_role = true;
    }
    if (winner.accepted) {
        choice.why = "accepted by the asker (" + kind + ")";
    } else if (others == 0) {
        choice.why = "only answer (" + kind + ")";
    } else if (beat_on_votes && winner.helpful > 0) {
        choice.why = "most helpful votes: " + std::to_string(winner.helpful) + " (" + kind + ")";
    } else if (beat_on_role) {
        choice.why = kind + ", preferred over " + (winner.role == AuthorRole::User ? "AI answers" : "community and AI answers");
    } else {
        choice.why = "highest reputation, earliest (" + kind + ")";
    }
    return choice;
}

}  // namespace kb
