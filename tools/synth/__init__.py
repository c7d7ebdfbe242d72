"""Generator of labelled sample clips: a CC0 MakeHuman body posed and rendered offscreen."""
