package io.github.openaiboot.core;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The items of a list endpoint paged with an {@code after} cursor ({@code /files},
 * {@code /fine_tuning/jobs}, {@code /batches}, …), as one {@code Flux} that fetches a
 * page only once every item of the page before has been emitted: a subscriber that
 * takes the first few items makes one call, and one that cancels stops the paging.
 *
 * @author openai-spring-boot
 */
public final class CursorPages {

	private CursorPages() {
	}

	/**
	 * Return the items of every page, in order.
	 * @param <P> the page type
	 * @param <T> the item type
	 * @param fetch fetches the page after a cursor ({@code null} for the first page)
	 * @param items the items of a page
	 * @param hasMore whether a page is followed by another
	 * @param cursor the cursor of an item, passed as {@code after} to fetch the page
	 * that follows the page it ends
	 * @return the items
	 */
	public static <P, T> Flux<T> items(Function<@Nullable String, Mono<P>> fetch, Function<P, List<T>> items,
			Predicate<P> hasMore, Function<T, String> cursor) {
		return Flux.defer(() -> page(fetch, items, hasMore, cursor, null));
	}

	private static <P, T> Flux<T> page(Function<@Nullable String, Mono<P>> fetch, Function<P, List<T>> items,
			Predicate<P> hasMore, Function<T, String> cursor, @Nullable String after) {
		return fetch.apply(after).flatMapMany((page) -> {
			List<T> data = items.apply(page);
			Flux<T> these = Flux.fromIterable(data);
			if (data.isEmpty() || !hasMore.test(page)) {
				return these;
			}
			String next = cursor.apply(data.get(data.size() - 1));
			// subscribed once the last item of this page has been emitted
			return these.concatWith(Flux.defer(() -> page(fetch, items, hasMore, cursor, next)));
		});
	}

}
