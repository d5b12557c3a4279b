package io.github.openaiboot.file;

import org.jspecify.annotations.Nullable;

/**
 * Which files to list, and how. Every value may be left {@code null} for OpenAI's
 * default.
 *
 * @param purpose only files with this purpose
 * @param limit how many files each page holds, 1 to 10,000 (OpenAI's default: 10,000)
 * @param order {@code asc} or {@code desc} by creation time (OpenAI's default:
 * {@code desc})
 * @param after the id of the file to start after
 * @author openai-spring-boot
 */
public record FileListRequest(@Nullable String purpose, @Nullable Integer limit, @Nullable String order,
		@Nullable String after) {

	/**
	 * Create a request.
	 */
	public FileListRequest {
		if (limit != null && (limit < 1 || limit > 10_000)) {
			throw new IllegalArgumentException("'limit' must be between 1 and 10000 but was " + limit);
		}
		if (order != null && !"asc".equals(order) && !"desc".equals(order)) {
			throw new IllegalArgumentException("'order' must be 'asc' or 'desc' but was '" + order + "'");
		}
	}

	/**
	 * Start building a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builder of {@link FileListRequest}.
	 */
	public static final class Builder {

		private @Nullable String purpose;

		private @Nullable Integer limit;

		private @Nullable String order;

		private @Nullable String after;

		private Builder() {
		}

		/**
		 * List only files with a purpose.
		 * @param purpose the purpose
		 * @return this builder
		 */
		public Builder purpose(@Nullable String purpose) {
			this.purpose = purpose;
			return this;
		}

		/**
		 * Set how many files each page holds.
		 * @param limit the page size, 1 to 10,000
		 * @return this builder
		 */
		public Builder limit(@Nullable Integer limit) {
			this.limit = limit;
			return this;
		}

		/**
		 * Set the order by creation time.
		 * @param order {@code asc} or {@code desc}
		 * @return this builder
		 */
		public Builder order(@Nullable String order) {
			this.order = order;
			return this;
		}

		/**
		 * Start after a file.
		 * @param after the file's id
		 * @return this builder
		 */
		public Builder after(@Nullable String after) {
			this.after = after;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public FileListRequest build() {
			return new FileListRequest(this.purpose, this.limit, this.order, this.after);
		}

	}

}
