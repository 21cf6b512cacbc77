// The sentence encoder (WordPiece, safetensors, BERT forward) is being written; see issue 6.
