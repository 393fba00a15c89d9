// Boilerplate: page furniture goes, answer text stays.
#include <catch2/catch.hpp>

#include "indexer/ingest/boilerplate.h"

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

TEST_CASE("courtesy sentences go, the rest of their line stays", "[unit]") {
    const kb::Boilerplate b;
    CHECK(b.strip("Welcome to Microsoft Q&A Forum!\nRun sfc /scannow.") == "Run sfc /scannow.");
    CHECK(b.strip("  Thank you for posting in Microsoft Q&A. 0x800f0922 means the ESP is full.") ==
          "0x800f0922 means the ESP is full.");
    CHECK(b.strip("Thank you for reaching out and I understand the urgency. Please try the following:\n1. Sign out.") ==
          "Please try the following:\n1. Sign out.");
    CHECK(
        b.strip("Welcome to Microsoft Q&A. Thank you for posting your question.\nReset the app.\nI hope this helps!") ==
        "Reset the app.");
    CHECK(b.strip("Please avoid posting your full email address publicly; you can edit the question.\nReset it.") ==
          "Reset it.");
}

TEST_CASE("a courtesy phrase inside a sentence is kept", "[unit]") {
    const kb::Boilerplate b;
    // A line that opens with a courtesy but carries content stays whole.
    for (const std::string line :
         {"Thanks for the details, the problem is the proxy: disable it in Settings > Network",
          "Thanks for posting the log; the crash is in nvlddmkm.sys, so update the GPU driver",
          "I hope this helps, but first check that KB5034441 is installed.",
          "Hope this helps someone else: the fix was to delete the cache. Then restart.",
          "Thank you for reaching out and I understand that the renewal on the 12th failed twice."}) {
        CAPTURE(line);
        CHECK(b.strip(line) == line);
    }
    const std::string text = "The agent said thank you for posting, then closed the case.\nWelcome screens hang.";
    CHECK(b.strip(text) == text);
}

TEST_CASE("boilerplate sentences go inside a paragraph too, not only as whole lines", "[unit]") {
    const kb::Boilerplate b;
    struct Row {
        std::string in, out;
    };
    const auto row = GENERATE(values<Row>({
        {"Run the troubleshooter until it says Pass. Hope this helps! Was this answer helpful?",
         "Run the troubleshooter until it says Pass."},
        {"Restart Outlook. I hope this helps.\nWas this answer helpful?", "Restart Outlook."},
        {"Restart Outlook. 3 people found this answer helpful.", "Restart Outlook."},
        {"Thank you for posting in Microsoft Q&A. Restart Outlook. Hope this helps!", "Restart Outlook."},
        {"Restart Outlook. If the answer is helpful, please click \"Accept Answer\" and kindly upvote it.",
         "Restart Outlook."},
        {"Open the file. AI-generated content may be incorrect. Read our transparency notes for more information.",
         "Open the file."},
        {"    1. Restart Outlook. Hope this helps!", "    1. Restart Outlook."},
    }));
    CAPTURE(row.in);
    CHECK(b.strip(row.in) == row.out);
}

TEST_CASE("a sentence that merely holds a boilerplate word stays", "[unit]") {
    const kb::Boilerplate b;
    for (const std::string line :
         {"This setting is helpful when you travel. Turn it on.", "Turn it on. This setting is helpful.",
          "Was this answer helpful? I asked myself.", "Restart. Hope this helps! Then open Outlook.",
          "Restart. Hope this helps someone: the fix was the cache.", "Restart. Your answer goes in the box.",
          "Restart. Hope this helps with the 0x80070005 error too."}) {
        CAPTURE(line);
        CHECK(b.strip(line) == line);
    }
}
