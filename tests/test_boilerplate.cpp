// Boilerplate: page furniture goes, answer text stays.
#include <catch2/catch.hpp>

#include "indexer/boilerplate.h"

TEST_CASE("every boilerplate pattern kind is removed", "[unit]") {
    const kb::Boilerplate b;
    const std::string text =
        "Share via\nReal first line.\nSort by: Most helpful\nStep 1. Open settings. User's image\n"
        "Was this answer helpful?\n2 people found this answer helpful.\n0 comments No comments\n"
        "If the answer is helpful, please click \"Accept Answer\" and kindly upvote it.\n"
        "Note: Please follow the steps in our documentation to enable e-mail notifications if you want.\n"
        "AI-generated content may be incorrect. Read our transparency notes for more information.\n"
        "Answers can be marked as 'Accepted' by the question author.\nYour answer\nLast real line.\n\nReferences:\n";
    const std::string out = b.strip(text);
    CHECK(out == "Real first line.\nStep 1. Open settings.\nLast real line.");
}

TEST_CASE("boilerplate words inside real sentences are kept", "[unit]") {
    const kb::Boilerplate b;
    const std::string text = "Was this answer helpful? I asked myself.\nReferences: see the admin guide.";
    CHECK(b.strip(text) == text);
    CHECK_FALSE(kb::boilerplate_patterns().empty());
}

TEST_CASE("blank line runs collapse to one", "[unit]") {
    CHECK(kb::Boilerplate().strip("\n\na\n\n\n\nb\n\n") == "a\n\nb");
}
