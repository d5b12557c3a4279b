package io.github.openaiboot.autoconfigure;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Finds the Lettuce client of the application's Spring Data Redis connection factory.
 * Only loaded when Spring Data Redis is on the classpath.
 *
 * @author openai-spring-boot
 */
final class SpringDataRedisClients {

	private SpringDataRedisClients() {
	}

	static boolean hasConnectionFactory(ListableBeanFactory beanFactory) {
		return beanFactory.getBeanNamesForType(LettuceConnectionFactory.class, false, false).length == 1;
	}

	static @Nullable RedisClient nativeClient(ListableBeanFactory beanFactory) {
		LettuceConnectionFactory factory = beanFactory.getBean(LettuceConnectionFactory.class);
		AbstractRedisClient client = factory.getNativeClient();
		return (client instanceof RedisClient redisClient) ? redisClient : null;
	}

}
