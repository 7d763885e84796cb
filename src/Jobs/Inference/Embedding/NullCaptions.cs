namespace VideoLang.Jobs.Inference.Embedding;

/// <summary>
/// Captions of everyday scenes, objects and styles that no particular library is about: each clip's cosines
/// with them are the null distribution its text scores are measured against (<see cref="ScoreCalibration"/>).
/// Broad on purpose (indoor, outdoor, people, animals, vehicles, text, close-ups), so that a clip which is
/// close to every caption (a hub) needs a query well above all of them to score.
/// </summary>
internal static class NullCaptions
{
    public static IReadOnlyList<string> All { get; } =
    [
        "a photo of a dog", "a photo of a cat", "a bowl of fruit on a table", "a person riding a bicycle",
        "a plate of food", "a city skyline", "a beach with waves", "a forest path", "a snowy mountain",
        "a car driving on a highway", "a train at a station", "an airplane in the sky", "a boat on a lake",
        "a kitchen with a stove", "a living room with a sofa", "an office with computers", "a classroom",
        "a crowd at a concert", "a football match", "a child playing", "a man talking", "a woman smiling",
        "a close-up of a flower", "a bird on a branch", "a horse in a field", "a fish in an aquarium",
        "a page of text", "a drawing of a cartoon", "a black screen", "a colourful abstract pattern",
        "a night sky with stars", "rain on a window", "a busy market", "a construction site",
        "a person cooking", "people dancing", "a dog running on grass", "a street at night",
        "a desert landscape", "an empty road",
    ];
}
