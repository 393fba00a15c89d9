// NameFinder: people named in free text are found by cue, shape and word lists; products,
// features, places and error names are not; a phrase the whole forum uses is its vocabulary.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "indexer/ingest/thread_pipeline.h"
#include "indexer/text/name_finder.h"

namespace {

bool finds(const std::string& text, const std::string& name) {
    const std::vector<std::string> found = kb::NameFinder().find(text);
    return std::find(found.begin(), found.end(), name) != found.end();
}

}  // namespace

TEST_CASE("people named in the text are found by their cues and shapes", "[unit]") {
    const auto [text, name] = GENERATE(table<std::string, std::string>({
        {"My manager is Jane Holloway and she agrees.", "Jane Holloway"},
        {"If it persists, please contact Ravi Shankar in IT.", "Ravi Shankar"},
        {"cc: Maria Gonzalez\nSubject: VPN", "Maria Gonzalez"},
        {"I spoke to Mr. Olusegun Adebayo yesterday.", "Olusegun Adebayo"},
        {"That fixed it.\n\nRegards,\nThomas Müller", "Thomas Müller"},
        {"Our team lead Bartosz Lewandowski (cc Ewa Szczęsny) approved it.", "Ewa Szczęsny"},
        {"The tenant was set up by Siobhán O'Neill last year.", "Siobhán O'Neill"},
        {"He needs the contracts from Mr. Featherstonehaugh by lunch.", "Featherstonehaugh"},
        {"The users are Fernanda Lopes, Beatriz de la Cruz and Wang Lei.", "Beatriz de la Cruz"},
        {"Our installer, Ruairí Mac Giolla Phádraig, set it up.", "Ruairí Mac Giolla Phádraig"},
        {"Can you or Colm have a look?", "Colm"},
        {"His name was David Miller and he asked for my PIN.", "David Miller"},
        {"Olamide\n+1 to the answer above.", "Olamide"},
        {"Meu filho Tiago não consegue entrar.", "Tiago"},
    }));
    CAPTURE(text);
    CHECK(finds(text, name));
}

TEST_CASE("products, features, places and error names are not taken for people", "[unit]") {
    const std::string text =
        "Open Microsoft Authenticator, then ask the Data Protection team. In Control Panel or Outlook on the web "
        "the error CRITICAL_PROCESS_DIED showed, and Get-VpnConnection returned nothing. Our Stockholm office and "
        "the Germany West Central region run Windows Server 2022 Datacenter; Lenovo Vantage and Cisco Secure "
        "Client 5.1 are installed. It happened on 28 January, on a Tuesday, in Saudi Arabia and Hong Kong.";
    CHECK(kb::NameFinder().find(text).empty());
}

TEST_CASE("companies and authorities named like people are not taken for people", "[unit]") {
    const std::string text =
        "The invoice came from Schreinerei Holzapfel GmbH and Fabrikam Iberica S.L. sent a reminder. The "
        "Gemeente Waterland and the Polizia Postale asked for the logs, and Contoso Logistik AB wants them too.";
    CAPTURE(kb::NameFinder().find(text));
    CHECK(kb::NameFinder().find(text).empty());
}

TEST_CASE("a name-shaped phrase the forum writes in many threads is its vocabulary, unless cued", "[unit]") {
    const kb::ThreadPipeline counter;
    kb::ForumPhrases phrases;
    for (int i = 0; i < 4; ++i) {
        kb::Thread t;
        t.title = "Visa renewal in Al Khor " + std::to_string(i);
        t.question = "Where in Umm Salal Jadeed is the office?";
        counter.count_phrases(t, phrases);
    }
    phrases.finish();
    const kb::NameFinder finder;
    const std::string text = "I live near Umm Salal Jadeed, and my neighbour Umm Salal Jadeed said so.";
    CHECK(finder.find("I live near Umm Salal Jadeed.").size() == 1);  // alone, it has a name's shape
    CHECK(finder.find("I live near Umm Salal Jadeed.", &phrases).empty());
    // After a cue it is a person, whatever the forum writes.
    CHECK(finder.find("ask my neighbour Umm Salal Jadeed about it", &phrases).size() == 1);
}

TEST_CASE("the pipeline removes a name found in one place wherever it appears in the thread", "[unit]") {
    kb::Thread t;
    t.id = "t";
    t.title = "Licence assigned to the wrong user";
    t.question = "My colleague Sven-Erik Lindqvist got my licence. Sven-Erik says the portal shows it twice.";
    kb::Answer a;
    a.body = "Ask Lindqvist to sign out first.";
    t.answers.push_back(a);
    const kb::ThreadRecord r = kb::ThreadPipeline().prepare(t);
    const std::string all = r.thread.title + r.thread.question + r.thread.answers[0].body;
    CHECK(all.find("Sven") == std::string::npos);
    CHECK(all.find("Lindqvist") == std::string::npos);
    CHECK(all.find("portal shows it twice") != std::string::npos);
}

TEST_CASE("products of the trade and a log's dates are not people, a person beside them is", "[unit]") {
    const auto [text, name] = GENERATE(table<std::string, std::string>({
        {"Database server started at Thu Feb 19 2015 13:17. Thanks, Artem", "Artem"},
        {"The Sybase IQ home is set. Set Sybase home first, my colleague Ravi Shankar said.", "Ravi Shankar"},
        {"Map it to Edm Type Edm.String in the OData model; ask Hitesh Ramani.", "Hitesh Ramani"},
        {"Install Eclipse Kepler with Syclo Agentry, then Dagfinn Parnas can test it.", "Dagfinn Parnas"},
    }));
    CAPTURE(text);
    const std::vector<std::string> found = kb::NameFinder().find(text);
    CAPTURE(found);
    CHECK(found == std::vector<std::string>{name});
}
