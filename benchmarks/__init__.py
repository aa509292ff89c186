"""Side-by-side benchmarks: medannot, each platform's official client and raw httpx (`make bench`)."""
