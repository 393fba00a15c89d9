// Builds small thread pages in the seed page format for tests that need an index of their own.
#pragma once

#include <string>
#include <vector>

namespace kb::test {

struct FixtureAnswer {
    std::string header;  // "Jane Roe 1,200 Reputation points Microsoft Employee" or "AI answer"
    std::string body;
    bool accepted = false;
    int helpful = 0;
};

inline std::string fixture_page(const std::string& title, const std::string& question, const std::string& breadcrumb,
                                const std::vector<FixtureAnswer>& answers, const std::string& asker = "Pat Asker") {
    std::string page = "Share via\n\n" + title + "\n\n" + asker +
                       " 1 Reputation points\n2026-03-01T10:00:00+00:00\n\n" + question + "\n\n" + breadcrumb +
                       "\n0 comments No comments\n\n" + std::to_string(answers.size()) +
                       (answers.size() == 1 ? " answer" : " answers") + "\n\nSort by: Most helpful\n";
    int n = 0;
    for (const auto& a : answers) {
        page += "  " + std::to_string(++n) + ". ";
        if (a.accepted) page += "Accepted answer\n    ";
        page += a.header + "\n    2026-03-01T12:00:00+00:00\n\n    " + a.body + "\n\n    Was this answer helpful?\n";
        if (a.helpful) page += "\n    " + std::to_string(a.helpful) + " people found this answer helpful.\n";
    }
    return page + "\nYour answer\n";
}

}  // namespace kb::test
