#include "bench/query_set.h"

#include <algorithm>

#include "bench/thread_synthesiser.h"
#include "indexer/text/errors.h"
#include "indexer/text/stop_words.h"
#include "indexer/text/text_helpers.h"

namespace kb::bench {

namespace {

// Shares of each kind, per mille, in kQueryKinds order.
constexpr std::array<unsigned, 8> kQueryKindWeights{150, 150, 100, 100, 150, 100, 100, 150};
constexpr std::size_t kMaxAttempts = 1000;

bool is_stop_word(std::string_view w) {
    for (std::string_view s : kEnglishStopWords)
        if (s == w) return true;
    for (std::string_view s : kForumFillerWords)
        if (s == w) return true;
    return false;
}

bool all_alpha(std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return is_ascii_alpha(c); });
}

// Where the words of five or more plain letters stand: the ones worth mistyping or half-typing.
std::vector<std::size_t> long_word_indices(const std::vector<std::string>& words) {
    std::vector<std::size_t> at;
    for (std::size_t k = 0; k < words.size(); ++k)
        if (words[k].size() >= 5 && all_alpha(words[k])) at.push_back(k);
    return at;
}

// A token with its edge punctuation stripped, or empty when what is left is not plain ASCII
// letters and digits ("don't", "e-mail", non-Latin words are skipped, never cut).
std::string clean_token(std::string_view token) {
    std::size_t b = 0, e = token.size();
    while (b < e && !is_ascii_alnum(token[b])) ++b;
    while (e > b && !is_ascii_alnum(token[e - 1])) --e;
    const std::string_view core = token.substr(b, e - b);
    if (core.empty() || !std::all_of(core.begin(), core.end(), [](char c) { return is_ascii_alnum(c); })) return "";
    return std::string(core);
}

bool is_content_word(const std::string& w) { return w.size() >= 3 && !all_digits(w) && !is_stop_word(ascii_lower(w)); }

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// The text cut after its `n`th space-separated word.
std::string first_words(const std::string& text, std::size_t n) {
    std::size_t words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool space = is_ascii_space(text[i]);
        if (!space && !in_word && ++words > n) {
            std::string cut = text.substr(0, i);
            while (!cut.empty() && is_ascii_space(cut.back())) cut.pop_back();
            return cut;
        }
        in_word = !space;
    }
    return text;
}

}  // namespace

QuerySet::QuerySet(const SentencePool& pool, const ErrorCodePool& codes, std::uint64_t seed)
    : pool_(pool), codes_(codes), prng_(seed ^ 0x5155'4552'5945'5321ull) {
    for (Flavour f : {Flavour::General, Flavour::Sap})
        for (const std::string& s : pool.asked_sentences(f)) {
            const std::size_t words = count_words(s);
            if (words >= 15 && words <= 30) long_questions_.push_back(&s);
        }
    if (long_questions_.empty()) throw Error("kbsearch_generate: no question sentence of 15-30 words in the pool");
}

std::vector<std::string> QuerySet::title_words(Flavour flavour, bool content_only) {
    std::vector<std::string> out;
    for (const std::string& token : split_words(prng_.pick(pool_.titles(flavour)))) {
        std::string w = clean_token(token);
        if (w.empty() || (content_only && !is_content_word(w))) continue;
        out.push_back(std::move(w));
    }
    return out;
}

std::string QuerySet::one_word() {
    for (std::size_t i = 0; i < kMaxAttempts; ++i) {
        const auto words = title_words(ThreadSynthesiser::draw_flavour(prng_), true);
        if (!words.empty()) return prng_.pick(words);
    }
    throw Error("kbsearch_generate: no title has a searchable word");
}

std::string QuerySet::three_words() {
    for (std::size_t i = 0; i < kMaxAttempts; ++i) {
        auto words = title_words(ThreadSynthesiser::draw_flavour(prng_), true);
        if (words.size() < 3) continue;
        // Three of them, in title order.
        while (words.size() > 3) words.erase(words.begin() + static_cast<long>(prng_.index(words.size())));
        return join(words);
    }
    throw Error("kbsearch_generate: no title has three searchable words");
}

std::string QuerySet::pasted_question() { return *long_questions_[prng_.index(long_questions_.size())]; }

std::string QuerySet::phrase() {
    for (std::size_t i = 0; i < kMaxAttempts; ++i) {
        const std::vector<std::string> tokens =
            split_words(prng_.pick(pool_.titles(ThreadSynthesiser::draw_flavour(prng_))));
        std::vector<std::size_t> starts;
        for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
            const std::string a = clean_token(tokens[k]), b = clean_token(tokens[k + 1]);
            // Adjacent on the page (no punctuation cut between them), one of them telling.
            if (!a.empty() && !b.empty() && a == tokens[k] && (is_content_word(a) || is_content_word(b)))
                starts.push_back(k);
        }
        if (starts.empty()) continue;
        const std::size_t k = prng_.pick(starts);
        return "\"" + clean_token(tokens[k]) + " " + clean_token(tokens[k + 1]) + "\"";
    }
    throw Error("kbsearch_generate: no title has a two-word phrase");
}

std::string QuerySet::error_code() {
    std::string q = codes_.query_form(codes_.draw(prng_), prng_);
    if (prng_.chance(400)) {
        const auto words = title_words(ThreadSynthesiser::draw_flavour(prng_), true);
        if (!words.empty()) q += " " + prng_.pick(words);
    }
    return q;
}

std::string QuerySet::product_filter() {
    for (std::size_t i = 0; i < kMaxAttempts; ++i) {
        const Flavour flavour = ThreadSynthesiser::draw_flavour(prng_);
        const auto products = ThreadSynthesiser::products_of(flavour);
        const WeightedTable popularity = WeightedTable::zipf(products.size());
        const Product& product = products[popularity.draw(prng_)];
        auto words = title_words(flavour, true);
        if (words.empty()) continue;
        while (words.size() > 2) words.erase(words.begin() + static_cast<long>(prng_.index(words.size())));
        if (words.size() == 2 && prng_.chance(500)) words.pop_back();
        return "product:\"" + std::string(product.name) + "\" " + join(words);
    }
    throw Error("kbsearch_generate: no title for a product query");
}

std::string QuerySet::typo() {
    static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
    for (std::size_t i = 0; i < kMaxAttempts; ++i) {
        auto words = title_words(ThreadSynthesiser::draw_flavour(prng_), true);
        const std::vector<std::size_t> long_words = long_word_indices(words);
        if (long_words.empty()) continue;
        const std::size_t k = prng_.pick(long_words);
        std::string w = ascii_lower(words[k]);
        const std::string before = w;
        // One edit after the first letter (people rarely mistype that one).
        const std::size_t at = 1 + prng_.index(w.size() - 1);
        const char letter = kLetters[prng_.index(kLetters.size())];
        switch (prng_.below(4)) {
            case 0:
                w.erase(at, 1);
                break;
            case 1:
                w[at] = letter;
                break;
            case 2:
                w.insert(at, 1, letter);
                break;
            default:
                if (at + 1 < w.size()) std::swap(w[at], w[at + 1]);
                break;
        }
        // An edit can make a new word; it must not be part of anyone's name either.
        if (w == before || !pool_.guard().first_name_word(w, /*strict=*/true).empty()) continue;
        words[k] = w;
        // The mistyped word alone, or with one more word of the title.
        if (words.size() > 1 && prng_.chance(500)) {
            std::size_t other = prng_.index(words.size() - 1);
            if (other >= k) ++other;
            return other < k ? words[other] + " " + w : w + " " + words[other];
        }
        return w;
    }
    throw Error("kbsearch_generate: no title word to mistype");
}

std::string QuerySet::partial() {
    for (std::size_t i = 0; i < kMaxAttempts; ++i) {
        auto words = title_words(ThreadSynthesiser::draw_flavour(prng_), true);
        const std::vector<std::size_t> long_words = long_word_indices(words);
        if (long_words.empty()) continue;
        // Up to two whole words typed, then the first 3+ letters of a later one.
        const std::size_t last = prng_.pick(long_words);
        const std::size_t whole = std::min<std::size_t>(last, static_cast<std::size_t>(prng_.between(0, 2)));
        std::vector<std::string> typed(words.begin() + static_cast<long>(last - whole),
                                       words.begin() + static_cast<long>(last));
        const std::size_t cut = 3 + prng_.index(words[last].size() - 3);  // 3 .. size-1 letters
        const std::string prefix = words[last].substr(0, cut);
        // A prefix is a new word ("hol" of "holiday"); it must not be part of anyone's name either.
        if (!pool_.guard().first_name_word(prefix, /*strict=*/true).empty()) continue;
        typed.push_back(prefix);
        return join(typed);
    }
    throw Error("kbsearch_generate: no title word to type partly");
}

std::string QuerySet::make(std::string_view kind) {
    std::string q;
    if (kind == "one_word") q = one_word();
    if (kind == "three_words") q = three_words();
    if (kind == "pasted_question") return pasted_question();
    if (kind == "phrase") q = phrase();
    if (kind == "error_code") return error_code();
    if (kind == "product_filter") return product_filter();
    if (kind == "typo") return typo();
    if (kind == "partial") q = partial();
    // Most people type in lower case.
    return prng_.chance(800) ? ascii_lower(q) : q;
}

std::vector<GeneratedQuery> QuerySet::queries(std::size_t count) {
    // Exact shares (largest remainders in kind order), then one shuffle: no kind clusters.
    std::vector<std::string_view> kinds;
    std::size_t assigned = 0;
    std::array<std::size_t, kQueryKinds.size()> per_kind{};
    for (std::size_t k = 0; k < kQueryKinds.size(); ++k) assigned += per_kind[k] = count * kQueryKindWeights[k] / 1000;
    for (std::size_t k = 0; assigned < count; k = (k + 1) % kQueryKinds.size(), ++assigned) ++per_kind[k];
    for (std::size_t k = 0; k < kQueryKinds.size(); ++k) kinds.insert(kinds.end(), per_kind[k], kQueryKinds[k]);
    prng_.shuffle(kinds);
    std::vector<GeneratedQuery> out;
    for (std::string_view kind : kinds) out.push_back({kind, make(kind)});
    return out;
}

std::vector<Draft> QuerySet::drafts(std::size_t count, std::size_t words) {
    std::vector<Draft> out;
    for (std::size_t i = 0; i < count; ++i) {
        const Flavour flavour = ThreadSynthesiser::draw_flavour(prng_);
        Draft d;
        d.title = join(ThreadSynthesiser::compose_title(pool_, flavour, prng_));
        std::vector<std::string> sentences;
        if (prng_.chance(250)) sentences.push_back(codes_.sentence(codes_.draw(prng_), prng_));
        std::size_t have = 0;
        for (const std::string& s : sentences) have += count_words(s);
        while (have < words) {
            sentences.push_back(ThreadSynthesiser::draw_sentence(pool_, flavour, false, prng_));
            have += count_words(sentences.back());
        }
        d.text = first_words(ThreadSynthesiser::paragraphs(sentences, prng_), words);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace kb::bench
