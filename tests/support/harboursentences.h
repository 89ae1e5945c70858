#pragma once
// Six plain sentences about a harbour town, the text the summary tests build their documents from.
inline const char* const kHarbourSentences[] = {
    "The harbour of Lindholm handles grain, timber and coal for the whole valley.",
    "Its pier was rebuilt in stone after the storm of the wet spring.",
    "The town council meets on the first Monday of each month to set the fees.",
    "Fishermen sell their catch at the market hall before the sun is high.",
    "A ferry crosses to the island twice a day when the weather allows it.",
    "The lighthouse keeper writes down every ship that passes in a thick book.",
};
