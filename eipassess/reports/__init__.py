"""Gap reports (PDF and interactive HTML, English and Russian) rendered from a result record alone."""
