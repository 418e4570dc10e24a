FROM php:8.3-fpm-alpine
WORKDIR /var/www/html
COPY . .
RUN chown -R www-data:www-data storage bootstrap/cache
USER www-data
CMD ["php-fpm"]
