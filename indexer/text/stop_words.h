// English stop words dropped from queries (they stay indexed, so phrases still match).
// Shared by the searcher and the indexer's duplicate finder.
#pragma once

#include <array>
#include <string_view>

namespace kb {

inline constexpr std::string_view kEnglishStopWords[] = {
    "a",      "about",   "above",  "after",   "again",   "against", "all",    "am",     "an",      "and",     "any",
    "are",    "as",      "at",     "be",      "because", "been",    "before", "being",  "below",   "between", "both",
    "but",    "by",      "can",    "could",   "did",     "do",      "does",   "doing",  "down",    "during",  "each",
    "few",    "for",     "from",   "further", "had",     "has",     "have",   "having", "he",      "her",     "here",
    "hers",   "herself", "him",    "himself", "his",     "how",     "i",      "if",     "in",      "into",    "is",
    "it",     "its",     "itself", "just",    "me",      "more",    "most",   "my",     "myself",  "no",      "nor",
    "of",     "off",     "on",     "once",    "only",    "or",      "other",  "our",    "ours",    "out",     "over",
    "own",    "same",    "she",    "should",  "so",      "some",    "such",   "than",   "that",    "the",     "their",
    "theirs", "them",    "then",   "there",   "these",   "they",    "this",   "those",  "through", "to",      "too",
    "under",  "until",   "up",     "very",    "was",     "we",      "were",   "what",   "when",    "where",   "which",
    "while",  "who",     "whom",   "why",     "will",    "with",    "would",  "you",    "your"};

// Words a forum question is padded with ("can anyone please tell me..."): they say nothing about
// the topic, and a pasted draft has many of them. Dropped from drafts, not from typed searches,
// where a query that is only "help" or "advice" should still find something.
inline constexpr std::string_view kForumFillerWords[] = {
    "anyone", "anybody", "someone", "somebody", "know",        "knows",    "please",  "pls",  "plz",  "thanks", "thank",
    "thanx",  "hi",      "hello",   "guys",     "help",        "need",     "want",    "get",  "tell", "like",   "also",
    "really", "advise",  "advice",  "info",     "information", "question", "regards", "dear", "idea"};

}  // namespace kb
